// Reads non-blank lines from stdin and answers each with one JSON line on stdout, so the Java
// side can pair every input line with its output line; a failed line answers {"error": "..."}
// and makes the script exit with status 1 after the remaining lines.
import readline from 'node:readline';

export async function answerEachLine(handle) {
  let failures = 0;
  for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') {
      continue;
    }
    let answer;
    try {
      answer = await handle(line);
    } catch (e) {
      failures++;
      answer = JSON.stringify({ error: String(e?.message ?? e) });
    }
    process.stdout.write(answer + '\n');
  }
  process.exitCode = failures > 0 ? 1 : 0;
}

export function usage(text) {
  process.stderr.write(`usage: ${text}\n`);
  process.exit(2);
}
