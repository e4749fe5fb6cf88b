package io.medallion.silver.entity;

/**
 * A validated row still cannot be turned into its silver contract (schema drift in the source,
 * or a rule table that misses a case). Thrown from processing, so the processing exception
 * handler dead-letters the record. Messages name fields and types, never values.
 */
public final class MappingException extends RuntimeException {

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
