package io.medallion.registry.testing;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** Small schemas whose compatibility with one another is known. */
public final class TestSchemas {

    private TestSchemas() {
    }

    /** {@code test.User {name: string}} */
    public static Schema userV1() {
        return SchemaBuilder.record("User").namespace("test").fields()
                .requiredString("name")
                .endRecord();
    }

    /** v1 plus an optional {@code email} with a default: BACKWARD and FORWARD compatible with v1. */
    public static Schema userV2() {
        return SchemaBuilder.record("User").namespace("test").fields()
                .requiredString("name")
                .optionalString("email")
                .endRecord();
    }

    /** v1 plus a required {@code age} without default: new readers cannot read v1 data (not BACKWARD). */
    public static Schema userWithRequiredAge() {
        return SchemaBuilder.record("User").namespace("test").fields()
                .requiredString("name")
                .requiredInt("age")
                .endRecord();
    }

    /** {@code name} turned into an int: compatible with nothing above. */
    public static Schema userWithIntName() {
        return SchemaBuilder.record("User").namespace("test").fields()
                .requiredInt("name")
                .endRecord();
    }

    /** An unrelated record. */
    public static Schema order() {
        return SchemaBuilder.record("Order").namespace("test").fields()
                .requiredLong("id")
                .endRecord();
    }

    /** {@link Payment} as it was before version 2 added {@code note}: same name, one field fewer. */
    public static Schema paymentV1() {
        Schema v2 = Payment.getClassSchema();
        return Schema.createRecord(v2.getName(), v2.getDoc(), v2.getNamespace(), false,
                v2.getFields().stream().filter(f -> !f.name().equals("note"))
                        .map(f -> new Schema.Field(f, f.schema())).toList());
    }
}
