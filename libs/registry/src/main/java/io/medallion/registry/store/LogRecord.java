package io.medallion.registry.store;

import io.medallion.registry.client.CompatibilityLevel;

/** One fact in the registry's durable log; replaying every record in order rebuilds the state. */
public sealed interface LogRecord {

    /** A subject's version: which schema id it holds and whether it is soft-deleted. */
    record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) implements LogRecord {
    }

    /** A version removed for good (permanent delete). */
    record SchemaVersionRemoved(String subject, int version) implements LogRecord {
    }

    /** The compatibility level of a subject, or the global one for a null subject; a null level clears it. */
    record Compatibility(String subjectOrNull, CompatibilityLevel levelOrNull) implements LogRecord {
    }
}
