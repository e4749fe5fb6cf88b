package io.medallion.testkit.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scripts of the repository's {@code interop/node} directory, where Confluent's
 * official Node.js schema registry client decodes and encodes our Avro wire format. It is the
 * independent check that what the Java serdes write is what Confluent's clients read, and back.
 *
 * <p>{@link #locate()} finds the directory by walking up from the working directory, installs
 * the npm dependencies once if {@code node_modules} is missing (under a machine-wide lock, so
 * parallel test JVMs do not install over each other), and skips the calling test through JUnit
 * {@link Assumptions} with a loud banner on stderr when {@code node} is not installed. Value
 * conventions of the JSON lines (longs as strings, bytes as base64, ...) are documented in
 * {@code interop/node/README.md}.
 */
public final class NodeInterop {

    /** Which half of a Kafka record a payload is; decides the subject {@code <topic>-key|value}. */
    public enum Kind { KEY, VALUE }

    /** A Confluent-framed payload as it sits in a Kafka record. */
    public record Payload(String topic, Kind kind, byte[] bytes) {
    }

    /** What a script did: exit status, stdout lines and stderr text. */
    public record Result(int exitCode, List<String> stdout, String stderr) {
        public Result {
            stdout = List.copyOf(stdout);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(NodeInterop.class);
    private static final Path INTEROP_DIR = Path.of("interop", "node");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    private NodeInterop(Path directory) {
        this.directory = directory;
    }

    /**
     * The interop directory, ready to run scripts. Skips the calling test (JUnit assumption)
     * when {@code node} is not on the PATH; fails when the directory is missing or the npm
     * install fails.
     */
    public static NodeInterop locate() {
        assumeNodeInstalled();
        Path dir = findDirectory(Path.of(System.getProperty("user.dir")));
        ensureInstalled(dir);
        return new NodeInterop(dir);
    }

    public Path directory() {
        return directory;
    }

    /** Runs {@code node <script> <args...>} with the lines on stdin; any exit status. */
    public Result run(String script, List<String> args, List<String> stdinLines) {
        List<String> command = new ArrayList<>();
        command.add("node");
        command.add(script);
        command.addAll(args);
        return execute(directory, command, stdinLines, SCRIPT_TIMEOUT);
    }

    /** Like {@link #run}, but a non-zero exit status throws with the script's stderr. */
    public List<String> runOk(String script, List<String> args, List<String> stdinLines) {
        Result result = run(script, args, stdinLines);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("node " + script + " " + args + " exited with " + result.exitCode()
                    + "\nstdout: " + result.stdout() + "\nstderr: " + result.stderr());
        }
        return result.stdout();
    }

    /** Registers an Avro schema under a subject through the Node client; returns its id. */
    public int register(String registryUrl, String subject, String schemaJson) {
        List<String> out = runOk("register.mjs", List.of(registryUrl, subject), List.of(schemaJson));
        return Integer.parseInt(out.get(out.size() - 1).trim());
    }

    /**
     * Decodes payloads with the Node client's AvroDeserializer. One answer per payload, in
     * order: {@code {"value": ...}} or {@code {"error": "..."}}; a failed payload does not stop
     * the others.
     */
    public List<JsonNode> decode(String registryUrl, List<Payload> payloads) {
        List<String> lines = payloads.stream().map(NodeInterop::decodeRequest).toList();
        return parseAnswers(run("decode.mjs", List.of(registryUrl), lines), payloads.size());
    }

    /**
     * Serializes JSON values (conventions of interop/node/README.md) with the Node client's
     * AvroSerializer, using the given schema id or, when empty, the subject's latest version.
     * Throws when any value fails, naming it.
     */
    public List<byte[]> serialize(String registryUrl, String topic, Kind kind, OptionalInt schemaId,
                                  List<String> jsonValues) {
        List<String> args = new ArrayList<>(List.of(registryUrl, topic, kind.name().toLowerCase(Locale.ROOT)));
        schemaId.ifPresent(id -> args.add(Integer.toString(id)));
        List<String> lines = jsonValues.stream().map(v -> v.replace('\n', ' ')).toList();
        List<JsonNode> answers = parseAnswers(run("serialize.mjs", args, lines), jsonValues.size());
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            JsonNode answer = answers.get(i);
            if (!answer.has("base64")) {
                throw new IllegalStateException("node could not serialize " + jsonValues.get(i) + ": " + answer);
            }
            out.add(Base64.getDecoder().decode(answer.get("base64").asText()));
        }
        return out;
    }

    private static String decodeRequest(Payload p) {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", p.topic());
        line.put("kind", p.kind().name().toLowerCase(Locale.ROOT));
        line.put("base64", Base64.getEncoder().encodeToString(p.bytes() == null ? new byte[0] : p.bytes()));
        return line.toString();
    }

    private static List<JsonNode> parseAnswers(Result result, int expected) {
        if (result.stdout().size() != expected) {
            throw new IllegalStateException("expected " + expected + " answer lines from node, got "
                    + result.stdout().size() + " (exit " + result.exitCode() + ")\nstdout: " + result.stdout()
                    + "\nstderr: " + result.stderr());
        }
        List<JsonNode> answers = new ArrayList<>();
        for (String line : result.stdout()) {
            try {
                answers.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new IllegalStateException("node answered a line that is not JSON: " + line, e);
            }
        }
        return answers;
    }

    private static void assumeNodeInstalled() {
        boolean present;
        try {
            present = execute(Path.of("."), List.of("node", "--version"), List.of(), Duration.ofSeconds(30))
                    .exitCode() == 0;
        } catch (IllegalStateException e) {
            present = false;
        }
        if (!present) {
            String banner = """

                    ************************************************************************
                    *  SKIPPED: node is not on the PATH, so the Confluent Node.js interop   *
                    *  check did NOT run. Install Node.js 20+ to run it.                   *
                    ************************************************************************
                    """;
            System.err.println(banner);
            Assumptions.assumeTrue(false, "node is not on the PATH: Node.js interop check skipped");
        }
    }

    static Path findDirectory(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(INTEROP_DIR);
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + INTEROP_DIR + "/package.json in " + start + " or above");
    }

    private static void ensureInstalled(Path dir) {
        if (isInstalled(dir)) {
            return;
        }
        Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "medallion-interop-node-install.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            try {
                if (!isInstalled(dir)) {
                    install(dir);
                }
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock " + lockFile, e);
        }
    }

    private static void install(Path dir) {
        LOG.info("Installing the Node.js interop dependencies in {} (npm install)", dir);
        Result result = execute(dir, List.of("npm", "install", "--no-audit", "--no-fund"), List.of(), INSTALL_TIMEOUT);
        if (result.exitCode() != 0 || !isInstalled(dir)) {
            throw new IllegalStateException("npm install failed in " + dir + " (exit " + result.exitCode() + ")\n"
                    + result.stderr());
        }
    }

    private static boolean isInstalled(Path dir) {
        Path modules = dir.resolve("node_modules");
        return Files.isRegularFile(modules.resolve("@confluentinc/schemaregistry/package.json"))
                && Files.isRegularFile(modules.resolve("avsc/package.json"));
    }

    /** Runs a command with stdin, stdout and stderr in temporary files, so no pipe can block it. */
    private static Result execute(Path workDir, List<String> command, List<String> stdinLines, Duration timeout) {
        Path in = null;
        Path out = null;
        Path err = null;
        try {
            in = Files.createTempFile("node-in-", ".txt");
            out = Files.createTempFile("node-out-", ".txt");
            err = Files.createTempFile("node-err-", ".txt");
            Files.write(in, stdinLines, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command + " in " + workDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            deleteQuietly(in);
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debug("could not delete {}", file, e);
            }
        }
    }
}
