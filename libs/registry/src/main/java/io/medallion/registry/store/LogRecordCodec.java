package io.medallion.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medallion.registry.client.CompatibilityLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Log records as key and value bytes in the layout of Confluent's {@code _schemas} topic, so a
 * compacted topic keeps one record per key and a topic written by either registry reads back:
 * <pre>
 * key   {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}
 * value {"subject":"s","version":1,"id":7,"schema":"...","deleted":false}   (null: removed)
 * key   {"keytype":"CONFIG","subject":"s" or null,"magic":0}
 * value {"compatibilityLevel":"FULL"}                                      (null: cleared)
 * </pre>
 * Other key types (NOOP, MODE, ...) and non-Avro schemas are not this registry's and decode to empty.
 */
public final class LogRecordCodec {

    /** A record as the topic holds it. */
    public record Encoded(byte[] key, byte[] value) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogRecordCodec() {
    }

    public static Encoded encode(LogRecord record) {
        if (record instanceof LogRecord.SchemaVersion v) {
            ObjectNode value = JSON.createObjectNode()
                    .put("subject", v.subject()).put("version", v.version()).put("id", v.id())
                    .put("schema", v.schema()).put("deleted", v.deleted());
            return new Encoded(schemaKey(v.subject(), v.version()), bytes(value));
        }
        if (record instanceof LogRecord.SchemaVersionRemoved r) {
            return new Encoded(schemaKey(r.subject(), r.version()), null);
        }
        LogRecord.Compatibility c = (LogRecord.Compatibility) record;
        ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG").put("subject", c.subjectOrNull()).put("magic", 0);
        byte[] value = c.levelOrNull() == null ? null
                : bytes(JSON.createObjectNode().put("compatibilityLevel", c.levelOrNull().name()));
        return new Encoded(bytes(key), value);
    }

    /** The record these bytes hold, or empty when they are not a record this registry keeps. */
    public static Optional<LogRecord> decode(byte[] key, byte[] value) {
        JsonNode k = tree(key);
        String type = k.path("keytype").asText("");
        String subject = k.hasNonNull("subject") ? k.get("subject").asText() : null;
        if (type.equals("SCHEMA")) {
            int version = k.path("version").asInt();
            if (value == null) {
                return Optional.of(new LogRecord.SchemaVersionRemoved(subject, version));
            }
            JsonNode v = tree(value);
            String schemaType = v.path("schemaType").asText("AVRO");
            if (!schemaType.equals("AVRO")) {
                return Optional.empty();
            }
            return Optional.of(new LogRecord.SchemaVersion(subject, version, v.path("id").asInt(),
                    v.path("schema").asText(), v.path("deleted").asBoolean(false)));
        }
        if (type.equals("CONFIG")) {
            if (value == null) {
                return Optional.of(new LogRecord.Compatibility(subject, null));
            }
            Optional<CompatibilityLevel> level = CompatibilityLevel.parse(tree(value).path("compatibilityLevel").asText(null));
            return level.map(l -> new LogRecord.Compatibility(subject, l));
        }
        return Optional.empty();
    }

    private static byte[] schemaKey(String subject, int version) {
        return bytes(JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", subject)
                .put("version", version).put("magic", 1));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable record in the schemas topic: " + e.getMessage(), e);
        }
    }
}
