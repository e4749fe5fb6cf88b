// node register.mjs <registry-url> <subject> [schema-file]
// Registers the Avro schema (the file, or stdin when no file is given) under the subject through
// the client (POST /subjects/{subject}/versions) and prints the schema id on stdout.
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { SchemaRegistryClient } from '@confluentinc/schemaregistry';
import { usage } from './stdin-lines.mjs';

const [registryUrl, subject, schemaFile] = process.argv.slice(2);
if (!registryUrl || !subject) {
  usage('node register.mjs <registry-url> <subject> [schema-file] (schema on stdin without a file)');
}

const schema = schemaFile ? await readFile(schemaFile, 'utf8') : await text(process.stdin);
const client = new SchemaRegistryClient({ baseURLs: [registryUrl] });
const id = await client.register(subject, { schemaType: 'AVRO', schema: JSON.stringify(JSON.parse(schema)) });
process.stdout.write(`${id}\n`);
await client.close();
