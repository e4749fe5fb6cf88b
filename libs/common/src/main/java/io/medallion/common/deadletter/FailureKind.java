package io.medallion.common.deadletter;

/** Why a record went to a dead-letter path; written as the lower-case name. */
public enum FailureKind {
    /** The bytes could not be decoded (not the wire format, unknown schema id, corrupt Avro). */
    DESERIALIZATION,
    /** Decoded, but processing threw. */
    PROCESSING,
    /** The result could not be serialized or produced. */
    PRODUCTION,
    /** Decoded, but cannot be mapped to the target table's columns. */
    MAPPING,
    /** The record's schema cannot evolve the target table compatibly. */
    SCHEMA_INCOMPATIBLE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
