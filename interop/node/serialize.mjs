// node serialize.mjs <registry-url> <topic> <key|value> [schema-id]
// stdin:  JSON lines, each one value written with the conventions in codec.mjs
// stdout: one JSON line per input line, {"base64": "<Confluent-framed Avro>"} or {"error": "..."}
// Serializes through Confluent's AvroSerializer with the schema registered under the subject
// <topic>-<kind> (the client's default TopicNameStrategy): the given schema id
// (useSchemaId: GET /schemas/ids/{id}?subject=..., then POST /subjects/{subject}) or, without
// one, the subject's latest version (useLatestVersion: GET /subjects/{subject}/versions/latest).
// It never registers a schema; run register.mjs first.
import avsc from 'avsc';
import { AvroSerializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';
import { avroOptions, fromPlain } from './codec.mjs';
import { answerEachLine, usage } from './stdin-lines.mjs';

const [registryUrl, topic, kind, schemaIdArg] = process.argv.slice(2);
if (!registryUrl || !topic || (kind !== 'key' && kind !== 'value')) {
  usage('node serialize.mjs <registry-url> <topic> <key|value> [schema-id] < lines');
}

const client = new SchemaRegistryClient({ baseURLs: [registryUrl] });
const subject = `${topic}-${kind}`;
const schemaId = schemaIdArg === undefined ? undefined : Number(schemaIdArg);
const lookup = schemaId === undefined ? { useLatestVersion: true } : { useSchemaId: schemaId };
const serializer = new AvroSerializer(client, kind === 'key' ? SerdeType.KEY : SerdeType.VALUE,
  { ...avroOptions, autoRegisterSchemas: false, ...lookup });
const info = schemaId === undefined
  ? await client.getLatestSchemaMetadata(subject)
  : await client.getBySubjectAndId(subject, schemaId);
const type = avsc.Type.forSchema(JSON.parse(info.schema), { ...avroOptions });

await answerEachLine(async (line) => {
  const bytes = await serializer.serialize(topic, fromPlain(type, JSON.parse(line)));
  return JSON.stringify({ base64: Buffer.from(bytes).toString('base64') });
});
await client.close();
