package io.medallion.registry.serde;

import org.apache.avro.Schema;

/** The registry subject a key or value schema of a topic is registered under. */
@FunctionalInterface
public interface SubjectNameStrategy {

    String subjectName(String topic, boolean isKey, Schema schema);

    /** A named type's full name, else the type's name ({@code string}, {@code long}, ...), as Confluent does. */
    static String recordName(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getFullName();
            default -> schema.getType().getName();
        };
    }
}
