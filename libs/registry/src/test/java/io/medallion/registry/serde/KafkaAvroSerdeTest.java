package io.medallion.registry.serde;

import io.medallion.avro.gold.Kpi1m;
import io.medallion.avro.silver.EventType;
import io.medallion.avro.silver.WebEvent;
import io.medallion.registry.client.MockSchemaRegistry;
import io.medallion.registry.client.RegistryClientConfig;
import io.medallion.registry.client.SchemaRegistryClient;
import io.medallion.registry.client.SchemaRegistryException;
import io.medallion.registry.serde.WireFormatException.Reason;
import io.medallion.registry.testing.Payment;
import io.medallion.registry.testing.Payments;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.medallion.registry.testing.TestSchemas.userV1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaAvroSerdeTest {

    private static final String TOPIC = "payments";
    private final String scope = "serde-" + UUID.randomUUID();
    private final SchemaRegistryClient registry = MockSchemaRegistry.getClientForScope(scope);

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(scope);
    }

    private Map<String, Object> config(Object... pairs) {
        Map<String, Object> config = new HashMap<>();
        config.put(RegistryClientConfig.URL, "mock://" + scope);
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private KafkaAvroSerializer serializer(Object... pairs) {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(config(pairs), false);
        return serializer;
    }

    private KafkaAvroDeserializer deserializer(Object... pairs) {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config(pairs), false);
        return deserializer;
    }

    private static WireFormatException wireFormatError(Runnable call) {
        try {
            call.run();
        } catch (WireFormatException e) {
            return e;
        }
        throw new AssertionError("expected a WireFormatException");
    }

    @Test
    void genericRecordsRoundTripWithEveryLogicalType() {
        byte[] bytes = serializer().serialize(TOPIC, Payments.generic());
        GenericRecord read = (GenericRecord) deserializer().deserialize(TOPIC, bytes);

        assertThat(read.get("id")).isEqualTo(Long.MAX_VALUE);
        assertThat(read.get("payment_id")).isEqualTo(Payments.PAYMENT_ID);
        assertThat(read.get("amount")).isEqualTo(Payments.AMOUNT);
        assertThat(read.get("fee")).isEqualTo(Payments.FEE);
        assertThat(read.get("paid_at")).isEqualTo(Payments.PAID_AT);
        assertThat(read.get("booked_at")).isEqualTo(Payments.BOOKED_AT);
        assertThat(read.get("value_date")).isEqualTo(Payments.VALUE_DATE);
        assertThat(read.get("status").toString()).isEqualTo("SETTLED");
        assertThat((List<?>) read.get("tags")).map(Object::toString).containsExactly("card", "eur");
        // Keys come back as Utf8, values as String (the generated schema asks for String values).
        assertThat(((Map<?, ?>) read.get("attributes")).entrySet()).singleElement()
                .satisfies(e -> assertThat(e.getKey() + "=" + e.getValue()).isEqualTo("channel=web"));
        assertThat(read.get("note")).hasToString("first");
    }

    @Test
    void specificRecordsRoundTripAndShareTheirBytesWithGenericOnes() {
        byte[] specificBytes = serializer().serialize(TOPIC, Payments.specific());
        byte[] genericBytes = serializer().serialize(TOPIC, Payments.generic());
        assertThat(specificBytes).isEqualTo(genericBytes);

        Payment read = (Payment) deserializer(AvroSerdeConfig.SPECIFIC_AVRO_READER, true).deserialize(TOPIC, genericBytes);
        assertThat(read.getPaymentId()).isEqualTo(Payments.PAYMENT_ID);
        assertThat(read.getAmount()).isEqualTo(Payments.AMOUNT);
        assertThat(read.getFee()).isEqualTo(Payments.FEE);
        assertThat(read.getPaidAt()).isEqualTo(Payments.PAID_AT);
        assertThat(read.getBookedAt()).isEqualTo(Payments.BOOKED_AT);
        assertThat(read.getValueDate()).isEqualTo(Payments.VALUE_DATE);
        assertThat(read.toString()).isEqualTo(Payments.specific().toString());
    }

    @Test
    void theFleetsContractsRoundTripThroughTheirSerdes() {
        WebEvent event = WebEvent.newBuilder()
                .setId(42L).setEventId("e-1").setUserId("u-1").setProductId(7L).setEventType(EventType.purchase)
                .setPrice(new BigDecimal("19.90")).setQuantity(3).setCurrency("EUR")
                .setTs(Instant.parse("2026-03-01T12:00:00.000001Z")).setCountry("DE").setDevice(null).setCampaign(null)
                .setProductCategory(null).setProductBrand(null).setOp("c").setSourceLsn(123L)
                .setSourceTs(Instant.parse("2026-03-01T12:00:01Z")).setProcessingTs(Instant.parse("2026-03-01T12:00:02Z"))
                .setWarnings(List.of()).build();
        Kpi1m kpi = Kpi1m.newBuilder()
                .setWindowStart(Instant.parse("2026-03-01T12:00:00Z")).setWindowEnd(Instant.parse("2026-03-01T12:01:00Z"))
                .setOrders(3).setGmv(new BigDecimal("1234567890123456.78")).setPurchaseUsers(2).setViewUsers(5).setActiveUsers(6)
                .setConversionRate(new BigDecimal("0.4000")).setEvents(20).setPageViews(10).setAddToCarts(4).setPartials(2)
                .setClosedAt(Instant.parse("2026-03-01T12:01:15Z")).build();

        try (var events = AvroSerdes.specific(WebEvent.class, config(), false);
             var kpis = AvroSerdes.specific(Kpi1m.class, config(), false)) {
            assertThat(events.deserializer().deserialize("silver.web_events",
                    events.serializer().serialize("silver.web_events", event))).isEqualTo(event);
            assertThat(kpis.deserializer().deserialize("gold.kpi_1m",
                    kpis.serializer().serialize("gold.kpi_1m", kpi))).isEqualTo(kpi);
        }
        assertThat(registry.getSubjects()).containsExactly("gold.kpi_1m-value", "silver.web_events-value");
    }

    @Test
    void primitivesRoundTripAndResolveByPromotion() {
        Object[] values = {"text", 42, 42L, 1.5f, 2.5d, true, new byte[] {0, 1, (byte) 0xff}};
        for (Object value : values) {
            @SuppressWarnings("unchecked")
            Class<Object> type = (Class<Object>) value.getClass();
            String topic = "keys-" + type.getSimpleName();
            try (var serde = AvroSerdes.primitive(type, config(), true)) {
                Object read = serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, value));
                if (value instanceof byte[] bytes) {
                    assertThat((byte[]) read).isEqualTo(bytes);
                } else {
                    assertThat(read).isEqualTo(value);
                }
            }
        }
        try (var ints = AvroSerdes.primitive(Integer.class, config(), false);
             var longs = AvroSerdes.primitive(Long.class, config(), false);
             var raw = AvroSerdes.primitive(byte[].class, config(), false);
             var strings = AvroSerdes.primitive(String.class, config(), false)) {
            assertThat(longs.deserializer().deserialize("n", ints.serializer().serialize("n", 7))).isEqualTo(7L);
            byte[] utf8 = raw.serializer().serialize("b", "grüß".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(strings.deserializer().deserialize("b", utf8)).isEqualTo("grüß");
            assertThat(wireFormatError(() -> longs.deserializer().deserialize("b", utf8)).reason()).isEqualTo(Reason.SCHEMA_MISMATCH);
        }
        assertThatThrownBy(() -> new PrimitiveAvroSerde<>(UUID.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(serializer().serialize(TOPIC, null)).isNull();
        assertThat(deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void keysAndValuesUseTheirOwnSubjects() {
        KafkaAvroSerializer keys = new KafkaAvroSerializer();
        keys.configure(config(), true);
        keys.serialize(TOPIC, "k");
        serializer().serialize(TOPIC, Payments.generic());
        assertThat(registry.getSubjects()).containsExactly("payments-key", "payments-value");
    }

    @Test
    void recordNameStrategiesNameTheSubjectAfterTheRecord() {
        serializer(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "RecordNameStrategy").serialize(TOPIC, Payments.specific());
        serializer(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "TopicRecordNameStrategy").serialize("other", Payments.specific());
        assertThat(registry.getSubjects()).containsExactly("io.medallion.registry.testing.Payment",
                "other-io.medallion.registry.testing.Payment");
    }

    @Test
    void withoutAutoRegistrationOnlyRegisteredSchemasAreWritten() {
        KafkaAvroSerializer lookupOnly = serializer(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false);
        assertThatThrownBy(() -> lookupOnly.serialize(TOPIC, Payments.specific()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("payments-value")
                .hasCauseInstanceOf(SchemaRegistryException.class);
        assertThat(registry.getSubjects()).isEmpty();

        int id = registry.register("payments-value", Payment.getClassSchema());
        byte[] bytes = lookupOnly.serialize(TOPIC, Payments.specific());
        assertThat(WireFormat.schemaId(TOPIC, false, bytes)).isEqualTo(id);
    }

    @Test
    void anIncompatibleRecordIsNotWritten() {
        registry.register("payments-value", Payment.getClassSchema());
        GenericRecord user = new GenericData.Record(userV1());
        user.put("name", "x");
        assertThatThrownBy(() -> serializer().serialize(TOPIC, user))
                .isInstanceOf(SerializationException.class)
                .cause().isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(409));
    }

    @Test
    void aRecordThatBreaksItsSchemaIsASerializationError() {
        GenericRecord incomplete = new GenericData.Record(userV1());
        assertThatThrownBy(() -> serializer().serialize(TOPIC, incomplete))
                .isInstanceOf(SerializationException.class).hasMessageContaining("payments");
        assertThatThrownBy(() -> serializer().serialize(TOPIC, new Object()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("java.lang.Object");
    }

    @Test
    void bytesNotInTheWireFormatAreRejectedWithTheirReason() {
        KafkaAvroDeserializer deserializer = deserializer();
        byte[] good = serializer().serialize(TOPIC, Payments.generic());

        assertThat(wireFormatError(() -> deserializer.deserialize(TOPIC, new byte[0])).reason()).isEqualTo(Reason.TOO_SHORT);
        assertThat(wireFormatError(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0})).reason()).isEqualTo(Reason.TOO_SHORT);

        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 1;
        assertThat(wireFormatError(() -> deserializer.deserialize(TOPIC, wrongMagic)).reason()).isEqualTo(Reason.UNKNOWN_MAGIC_BYTE);

        byte[] unknownId = good.clone();
        WireFormat.writeHeader(unknownId, 0, 999_999);
        WireFormatException unknown = wireFormatError(() -> deserializer.deserialize(TOPIC, unknownId));
        assertThat(unknown.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA_ID);
        assertThat(unknown.schemaId()).hasValue(999_999);
        assertThat(unknown.getMessage()).contains("topic 'payments'", "999999");

        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        WireFormatException corrupt = wireFormatError(() -> deserializer.deserialize(TOPIC, truncated));
        assertThat(corrupt.reason()).isEqualTo(Reason.CORRUPT_PAYLOAD);
        assertThat(corrupt.schemaId()).hasValue(WireFormat.schemaId(TOPIC, false, good));

        byte[] headerOnly = Arrays.copyOf(good, WireFormat.HEADER_SIZE);
        assertThat(wireFormatError(() -> deserializer.deserialize(TOPIC, headerOnly)).reason()).isEqualTo(Reason.CORRUPT_PAYLOAD);
    }

    @Test
    void aMessageOfAnotherTypeIsASchemaMismatchForTypedSerdes() {
        byte[] user = serializer().serialize("users", userRecord());
        try (var payments = AvroSerdes.specific(Payment.class, config(), false)) {
            WireFormatException e = wireFormatError(() -> payments.deserializer().deserialize("users", user));
            assertThat(e.reason()).isEqualTo(Reason.SCHEMA_MISMATCH);
            assertThat(e.getMessage()).contains("test.User", "io.medallion.registry.testing.Payment");
        }
        byte[] text = serializer().serialize("texts", "just a string");
        try (var generic = AvroSerdes.generic(config(), false)) {
            assertThat(wireFormatError(() -> generic.deserializer().deserialize("texts", text)).reason())
                    .isEqualTo(Reason.SCHEMA_MISMATCH);
        }
    }

    @Test
    void anUnreachableRegistryIsARetriableErrorNotAWireFormatOne() throws IOException {
        byte[] good = serializer().serialize(TOPIC, Payments.generic());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        KafkaAvroDeserializer offline = new KafkaAvroDeserializer();
        offline.configure(Map.of(RegistryClientConfig.URL, "http://127.0.0.1:" + port, RegistryClientConfig.RETRIES_MAX, 0), false);
        assertThatThrownBy(() -> offline.deserialize(TOPIC, good))
                .isInstanceOf(SerializationException.class)
                .isNotInstanceOf(WireFormatException.class)
                .cause().isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.retriable()).isTrue());
    }

    @Test
    void logicalTypesCanStayRaw() {
        byte[] bytes = serializer().serialize(TOPIC, Payments.generic());
        GenericRecord raw = (GenericRecord) deserializer(AvroSerdeConfig.USE_LOGICAL_TYPE_CONVERTERS, false).deserialize(TOPIC, bytes);
        assertThat(raw.get("paid_at")).isEqualTo(Payments.PAID_AT.getEpochSecond() * 1_000_000 + 123_456);
        assertThat(raw.get("amount")).isInstanceOf(java.nio.ByteBuffer.class);
    }

    @Test
    void concurrentSerializationIsSafe() throws Exception {
        KafkaAvroSerializer serializer = serializer();
        KafkaAvroDeserializer deserializer = deserializer(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        Payment payment = Payments.specific();
        byte[] expected = serializer.serialize(TOPIC, payment);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        byte[] bytes = serializer.serialize(TOPIC, payment);
                        if (!Arrays.equals(bytes, expected) || !deserializer.deserialize(TOPIC, bytes).toString().equals(payment.toString())) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static GenericRecord userRecord() {
        GenericRecord user = new GenericData.Record(userV1());
        user.put("name", "ada");
        return user;
    }
}
