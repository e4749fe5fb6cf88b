package io.medallion.registry.serde;

import org.apache.kafka.common.errors.SerializationException;

import java.util.OptionalInt;

/**
 * The bytes of a record are not a readable Confluent-framed Avro message: a permanent property
 * of the record (dead-letter it), unlike a registry outage, which surfaces as a plain
 * {@link SerializationException} caused by a retriable
 * {@link io.medallion.registry.client.SchemaRegistryException}.
 */
public class WireFormatException extends SerializationException {

    /** What is wrong with the bytes. */
    public enum Reason {
        /** Fewer than the 5 header bytes. */
        TOO_SHORT,
        /** First byte is not 0: not Confluent wire format (plain JSON, another framing, ...). */
        UNKNOWN_MAGIC_BYTE,
        /** The registry does not know the schema id in the header. */
        UNKNOWN_SCHEMA_ID,
        /** The Avro body does not decode with the writer schema (truncated, garbled). */
        CORRUPT_PAYLOAD,
        /** The writer schema cannot be read as the reader schema (incompatible evolution). */
        SCHEMA_MISMATCH
    }

    private final String topic;
    private final boolean key;
    private final Reason reason;
    private final int schemaId;

    public WireFormatException(String topic, boolean key, Reason reason, int schemaId, String detail, Throwable cause) {
        super("Cannot deserialize " + (key ? "key" : "value") + " of topic '" + topic + "' (" + reason + "): " + detail, cause);
        this.topic = topic;
        this.key = key;
        this.reason = reason;
        this.schemaId = schemaId;
    }

    public String topic() {
        return topic;
    }

    public boolean isKey() {
        return key;
    }

    public Reason reason() {
        return reason;
    }

    /** The id from the header, when the header was readable. */
    public OptionalInt schemaId() {
        return schemaId < 0 ? OptionalInt.empty() : OptionalInt.of(schemaId);
    }
}
