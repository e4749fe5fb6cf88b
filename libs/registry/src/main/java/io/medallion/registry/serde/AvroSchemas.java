package io.medallion.registry.serde;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;

/** The Avro schema of a value handed to the serializer. */
final class AvroSchemas {

    private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
    private static final Schema INT = Schema.create(Schema.Type.INT);
    private static final Schema LONG = Schema.create(Schema.Type.LONG);
    private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
    private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    private static final Schema STRING = Schema.create(Schema.Type.STRING);
    private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

    private AvroSchemas() {
    }

    /**
     * Records, enums, fixed and arrays carry their schema; the primitives Confluent's serializer
     * supports map to primitive schemas.
     */
    static Schema schemaOf(Object value) {
        if (value instanceof GenericContainer container) {
            return container.getSchema();
        }
        Schema primitive = primitiveSchema(value.getClass());
        if (primitive == null) {
            throw new SerializationException("Cannot serialize a " + value.getClass().getName() + " as Avro: supported are "
                    + "Avro records, enums, fixed and arrays (GenericContainer), Boolean, Integer, Long, Float, Double, "
                    + "CharSequence and byte[]");
        }
        return primitive;
    }

    /** The schema of a supported primitive Java type, or null. */
    static Schema primitiveSchema(Class<?> type) {
        if (type == Boolean.class) {
            return BOOLEAN;
        }
        if (type == Integer.class) {
            return INT;
        }
        if (type == Long.class) {
            return LONG;
        }
        if (type == Float.class) {
            return FLOAT;
        }
        if (type == Double.class) {
            return DOUBLE;
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return STRING;
        }
        if (type == byte[].class) {
            return BYTES;
        }
        return null;
    }
}
