package io.medallion.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The registry over its REST API. Immutable answers are cached (id to schema, subject and
 * schema to id or version, subject and version to schema); a cached answer never reaches the
 * network again. The same {@link Schema} instance is returned for an id every time, which lets
 * the serdes cache readers by identity.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final RestTransport transport;
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, Integer> registeredIds = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, RegisteredSchema> lookups = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectVersion, RegisteredSchema> versions = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(RegistryClientConfig config) {
        this.transport = new RestTransport(config);
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = registeredIds.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = transport.post("/subjects/" + RestTransport.segment(subject) + "/versions",
                Map.of("schema", AvroSchemaParser.canonical(schema)));
        int id = requireInt(answer, "id");
        schemasById.putIfAbsent(id, schema);
        registeredIds.putIfAbsent(key, id);
        return id;
    }

    @Override
    public Schema getSchemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = transport.get("/schemas/ids/" + id);
        return schemaOf(id, answer);
    }

    @Override
    public RegisteredSchema getLatestSchema(String subject) {
        return registered(transport.get("/subjects/" + RestTransport.segment(subject) + "/versions/latest"));
    }

    @Override
    public RegisteredSchema getSchema(String subject, int version) {
        SubjectVersion key = new SubjectVersion(subject, version);
        RegisteredSchema cached = versions.get(key);
        if (cached != null) {
            return cached;
        }
        RegisteredSchema found = registered(transport.get("/subjects/" + RestTransport.segment(subject) + "/versions/" + version));
        versions.putIfAbsent(key, found);
        return found;
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        RegisteredSchema cached = lookups.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = transport.post("/subjects/" + RestTransport.segment(subject),
                Map.of("schema", AvroSchemaParser.canonical(schema)));
        int id = requireInt(answer, "id");
        schemasById.putIfAbsent(id, schema);
        RegisteredSchema found = new RegisteredSchema(subject, requireInt(answer, "version"), id, schemasById.get(id));
        lookups.putIfAbsent(key, found);
        return found;
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        JsonNode answer = transport.post("/compatibility/subjects/" + RestTransport.segment(subject) + "/versions/latest",
                Map.of("schema", AvroSchemaParser.canonical(schema)));
        return answer.path("is_compatible").asBoolean(false);
    }

    @Override
    public List<String> getSubjects() {
        List<String> out = new ArrayList<>();
        transport.get("/subjects").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public List<Integer> getVersions(String subject) {
        return ints(transport.get("/subjects/" + RestTransport.segment(subject) + "/versions"));
    }

    @Override
    public List<Integer> deleteSubject(String subject) {
        return ints(transport.delete("/subjects/" + RestTransport.segment(subject)));
    }

    @Override
    public CompatibilityLevel getCompatibility(String subjectOrNull) {
        JsonNode answer = subjectOrNull == null ? transport.get("/config")
                : transport.get("/config/" + RestTransport.segment(subjectOrNull) + "?defaultToGlobal=true");
        String level = answer.path("compatibilityLevel").asText(null);
        return CompatibilityLevel.parse(level).orElseThrow(() -> new SchemaRegistryException(200,
                ErrorCodes.INVALID_COMPATIBILITY_LEVEL, "Registry answered an unknown compatibility level: " + answer, false, null));
    }

    @Override
    public void setCompatibility(String subjectOrNull, CompatibilityLevel level) {
        String path = subjectOrNull == null ? "/config" : "/config/" + RestTransport.segment(subjectOrNull);
        transport.put(path, Map.of("compatibility", level.name()));
    }

    @Override
    public void close() {
        // HttpURLConnection keeps idle connections in the JDK's shared keep-alive cache, which
        // closes them itself; nothing here holds a resource.
    }

    private RegisteredSchema registered(JsonNode answer) {
        int id = requireInt(answer, "id");
        Schema schema = schemaOf(id, answer);
        return new RegisteredSchema(answer.path("subject").asText(), requireInt(answer, "version"), id, schema);
    }

    /** The schema in an answer, as the instance already cached for its id when there is one. */
    private Schema schemaOf(int id, JsonNode answer) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new SchemaRegistryException(422, ErrorCodes.INVALID_SCHEMA,
                    "Schema " + id + " is of type " + type + "; only AVRO is supported", false, null);
        }
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema parsed = AvroSchemaParser.parse(answer.path("schema").asText(null));
        Schema raced = schemasById.putIfAbsent(id, parsed);
        return raced != null ? raced : parsed;
    }

    private static int requireInt(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException(200, ErrorCodes.INTERNAL_ERROR,
                    "Registry answer lacks '" + field + "': " + answer, false, null);
        }
        return value.asInt();
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }
}
