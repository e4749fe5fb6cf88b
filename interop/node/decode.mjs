// node decode.mjs <registry-url>
// stdin:  JSON lines {"topic": "...", "kind": "key"|"value", "base64": "<Confluent-framed Avro>"}
// stdout: one JSON line per input line, {"value": <decoded>} (null for an empty payload) or
//         {"error": "..."}; values follow the conventions in codec.mjs.
// Decoding goes through Confluent's AvroDeserializer: it reads the magic byte and schema id,
// fetches the writer schema (GET /schemas/ids/{id}?subject=<topic>-<kind>) and decodes.
import { AvroDeserializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';
import { avroOptions, toJsonText } from './codec.mjs';
import { answerEachLine, usage } from './stdin-lines.mjs';

const [registryUrl] = process.argv.slice(2);
if (!registryUrl) {
  usage('node decode.mjs <registry-url> < lines');
}

const client = new SchemaRegistryClient({ baseURLs: [registryUrl] });
// Each serde gets its own copy: avsc writes into the options object it is given.
const deserializers = {
  key: new AvroDeserializer(client, SerdeType.KEY, { ...avroOptions }),
  value: new AvroDeserializer(client, SerdeType.VALUE, { ...avroOptions }),
};

await answerEachLine(async (line) => {
  const { topic, kind, base64 } = JSON.parse(line);
  const deserializer = deserializers[kind];
  if (!deserializer) {
    throw new Error(`kind must be "key" or "value", was ${JSON.stringify(kind)}`);
  }
  const decoded = await deserializer.deserialize(topic, Buffer.from(base64 ?? '', 'base64'));
  return `{"value":${toJsonText(decoded ?? null)}}`;
});
await client.close();
