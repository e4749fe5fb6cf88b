package io.medallion.registry.serde;

import io.medallion.registry.client.MockSchemaRegistry;
import io.medallion.registry.client.RegistryClientConfig;
import io.medallion.registry.client.SchemaRegistryClient;
import io.medallion.registry.serde.WireFormatException.Reason;
import io.medallion.registry.testing.Payment;
import io.medallion.registry.testing.Payments;
import io.medallion.registry.testing.TestSchemas;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Data written with one version of a schema, read with another. */
class SchemaEvolutionSerdeTest {

    private static final String TOPIC = "payments";
    private final String scope = "evolution-" + UUID.randomUUID();
    private final SchemaRegistryClient registry = MockSchemaRegistry.getClientForScope(scope);

    @AfterEach
    void drop() {
        MockSchemaRegistry.dropScope(scope);
    }

    private Map<String, Object> config(Object... pairs) {
        Map<String, Object> config = new HashMap<>(Map.of(RegistryClientConfig.URL, "mock://" + scope));
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    /** The v2 sample without {@code note}, as a producer still on v1 writes it. */
    private static GenericRecord paymentV1() {
        Schema v1 = TestSchemas.paymentV1();
        GenericRecord v2 = Payments.generic();
        GenericRecord record = new GenericData.Record(v1);
        v1.getFields().forEach(f -> record.put(f.name(), v2.get(f.name())));
        return record;
    }

    private byte[] write(Object value, Object... config) {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(config(config), false);
        return serializer.serialize(TOPIC, value);
    }

    @Test
    void v1DataReadByTheV2ClassGetsTheDefault() {
        byte[] v1 = write(paymentV1());
        try (var serde = AvroSerdes.specific(Payment.class, config(), false)) {
            Payment read = serde.deserializer().deserialize(TOPIC, v1);
            assertThat(read.getNote()).isNull();
            assertThat(read.getAmount()).isEqualTo(Payments.AMOUNT);
            assertThat(read.getPaidAt()).isEqualTo(Payments.PAID_AT);
        }
    }

    @Test
    void v2DataReadWithTheV1SchemaDropsTheNewField() {
        write(paymentV1());
        byte[] v2 = write(Payments.specific());
        assertThat(registry.getVersions("payments-value")).containsExactly(1, 2);

        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config(), false);
        GenericRecord read = (GenericRecord) deserializer.deserialize(TOPIC, null, v2, TestSchemas.paymentV1());
        assertThat(read.getSchema().getField("note")).isNull();
        assertThat(read.get("fee")).isEqualTo(Payments.FEE);
        assertThat(read.get("value_date")).isEqualTo(Payments.VALUE_DATE);
    }

    @Test
    void useLatestVersionReadsOldDataAsTheLatestSchema() {
        byte[] v1 = write(paymentV1());
        registry.register("payments-value", Payment.getClassSchema());

        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config(AvroSerdeConfig.USE_LATEST_VERSION, true), false);
        GenericRecord read = (GenericRecord) deserializer.deserialize(TOPIC, v1);
        assertThat(read.getSchema()).isEqualTo(Payment.getClassSchema());
        assertThat(read.get("note")).isNull();
        assertThat(read.get("booked_at")).isEqualTo(Payments.BOOKED_AT);
    }

    @Test
    void useLatestVersionWritesWithTheLatestId() {
        registry.register("payments-value", TestSchemas.paymentV1());
        int latest = registry.register("payments-value", Payment.getClassSchema());
        byte[] bytes = write(Payments.specific(), AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false,
                AvroSerdeConfig.USE_LATEST_VERSION, true);
        assertThat(WireFormat.schemaId(TOPIC, false, bytes)).isEqualTo(latest);
    }

    @Test
    void anIncompatibleChangeCannotBeRegisteredNorRead() {
        write(Payments.specific());
        Schema amountAsInt = SchemaBuilder.record("Payment").namespace("io.medallion.registry.testing").fields()
                .requiredLong("id").requiredInt("amount").endRecord();
        GenericRecord bad = new GenericData.Record(amountAsInt);
        bad.put("id", 1L);
        bad.put("amount", 12);
        assertThatThrownBy(() -> write(bad)).isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
                .hasMessageContaining("incompatible");

        // Written elsewhere all the same (another subject): the typed reader refuses it with a reason.
        KafkaAvroSerializer other = new KafkaAvroSerializer();
        other.configure(config(), false);
        byte[] bytes = other.serialize("legacy", bad);
        try (var serde = AvroSerdes.specific(Payment.class, config(), false)) {
            assertThatThrownBy(() -> serde.deserializer().deserialize("legacy", bytes))
                    .isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SCHEMA_MISMATCH));
        }
    }
}
