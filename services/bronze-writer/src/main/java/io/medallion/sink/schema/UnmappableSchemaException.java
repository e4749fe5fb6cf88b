package io.medallion.sink.schema;

/** An Avro schema that has no faithful table representation (e.g. a union of two non-null types). */
public final class UnmappableSchemaException extends RuntimeException {

    public UnmappableSchemaException(String message) {
        super(message);
    }
}
