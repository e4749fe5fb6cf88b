package io.medallion.registry.client;

import org.apache.avro.Schema;

import java.util.Objects;

/** One version of a subject: its number, the global schema id and the schema. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
