package io.medallion.registry.client;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** Schema text to an Avro schema, or a 422 (42201) naming what is wrong. */
public final class AvroSchemaParser {

    private AvroSchemaParser() {
    }

    public static Schema parse(String text) {
        if (text == null || text.isBlank()) {
            throw SchemaRegistryException.invalidSchema("the schema is empty");
        }
        try {
            // A fresh parser per schema: a parser remembers every name it has seen.
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException | org.apache.avro.AvroTypeException e) {
            throw SchemaRegistryException.invalidSchema(e.getMessage());
        } catch (RuntimeException e) {
            throw SchemaRegistryException.invalidSchema(e.toString());
        }
    }

    /**
     * The form under which schemas are compared and stored, as Confluent does for Avro: the
     * parsed schema printed back, so whitespace and key order do not matter but docs, defaults
     * and logical types do.
     */
    public static String canonical(Schema schema) {
        return schema.toString();
    }
}
