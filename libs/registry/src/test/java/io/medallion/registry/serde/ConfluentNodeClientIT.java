package io.medallion.registry.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medallion.registry.client.RegisteredSchema;
import io.medallion.registry.client.RegistryClientConfig;
import io.medallion.registry.client.SchemaRegistryClient;
import io.medallion.registry.client.SchemaRegistryClients;
import io.medallion.registry.server.RegistryServer;
import io.medallion.registry.server.RegistryServerConfig;
import io.medallion.registry.testing.Payment;
import io.medallion.registry.testing.Payments;
import io.medallion.testkit.node.NodeInterop;
import io.medallion.testkit.node.NodeInterop.Kind;
import io.medallion.testkit.node.NodeInterop.Payload;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Confluent's official Node.js client ({@code @confluentinc/schemaregistry}, run by the testkit's
 * {@link NodeInterop}) against this module: it decodes what our serializer wrote, fetching writer
 * schemas from our server, and what it registers and serializes our client and deserializer read.
 * Expected values are written out in the JSON conventions of {@code interop/node/README.md}.
 */
class ConfluentNodeClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryServer server;
    private Map<String, Object> config;
    private NodeInterop node;

    @BeforeEach
    void start() {
        node = NodeInterop.locate();
        server = RegistryServer.start(RegistryServerConfig.inMemory());
        config = Map.of(RegistryClientConfig.URL, server.url().toString());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String url() {
        return server.url().toString();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static JsonNode value(JsonNode answer) {
        assertThat(answer.has("error")).as("node failed: %s", answer).isFalse();
        return answer.get("value");
    }

    @Test
    void nodeDecodesWhatOurSerializersWrite() throws Exception {
        byte[] specific;
        try (var payments = AvroSerdes.specific(Payment.class, config, false)) {
            specific = payments.serializer().serialize("payments", Payments.specific());
        }
        Payment sparse = Payment.newBuilder(Payments.specific()).setFee(null).setNote(null).setTags(List.of())
                .setAttributes(Map.of()).setId(-1L).setAmount(new BigDecimal("0.05")).build();
        byte[] generic;
        try (var records = AvroSerdes.generic(config, false)) {
            generic = records.serializer().serialize("payments", toGeneric(sparse));
        }
        byte[] stringKey;
        byte[] longKey;
        byte[] bytesKey;
        try (var strings = AvroSerdes.primitive(String.class, config, true);
             var longs = AvroSerdes.primitive(Long.class, config, true);
             var raw = AvroSerdes.primitive(byte[].class, config, true)) {
            stringKey = strings.serializer().serialize("payments", "order-ä€-1");
            longKey = longs.serializer().serialize("ledger", 9_007_199_254_740_993L);
            bytesKey = raw.serializer().serialize("blobs", new byte[] {0, 1, (byte) 0xff});
        }

        List<JsonNode> answers = node.decode(url(), List.of(
                new Payload("payments", Kind.VALUE, specific),
                new Payload("payments", Kind.VALUE, generic),
                new Payload("payments", Kind.KEY, stringKey),
                new Payload("ledger", Kind.KEY, longKey),
                new Payload("blobs", Kind.KEY, bytesKey)));

        assertThat(value(answers.get(0))).isEqualTo(json("""
                {"id":"9223372036854775807","payment_id":"1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                 "amount":"-1234567890.12","fee":"0.0125","paid_at":"2026-03-01T12:00:00.123456Z",
                 "booked_at":"1969-12-31T23:59:59.999Z","value_date":"2026-02-28","status":"SETTLED",
                 "tags":["card","eur"],"attributes":{"channel":"web"},"note":"first"}"""));
        assertThat(value(answers.get(1))).isEqualTo(json("""
                {"id":"-1","payment_id":"1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                 "amount":"0.05","fee":null,"paid_at":"2026-03-01T12:00:00.123456Z",
                 "booked_at":"1969-12-31T23:59:59.999Z","value_date":"2026-02-28","status":"SETTLED",
                 "tags":[],"attributes":{},"note":null}"""));
        assertThat(value(answers.get(2)).asText()).isEqualTo("order-ä€-1");
        assertThat(value(answers.get(3)).asText()).isEqualTo("9007199254740993");
        assertThat(value(answers.get(4)).asText()).isEqualTo("AAH/");
    }

    @Test
    void aWireFormatErrorIsAnErrorForNodeToo() {
        byte[] notFramed = "{\"id\":1}".getBytes();
        List<JsonNode> answers = node.decode(url(), List.of(new Payload("payments", Kind.VALUE, notFramed)));
        assertThat(answers.get(0).has("error")).isTrue();
    }

    @Test
    void whatNodeRegistersAndWritesWeRead() throws Exception {
        String schema = """
                {"type":"record","name":"Shipment","namespace":"io.medallion.interop","fields":[
                  {"name":"shipment_id","type":"long"},
                  {"name":"carrier","type":["null","string"],"default":null},
                  {"name":"weight","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":3}},
                  {"name":"shipped_at","type":{"type":"long","logicalType":"timestamp-micros"}},
                  {"name":"due","type":{"type":"int","logicalType":"date"}},
                  {"name":"parcels","type":{"type":"array","items":"int"}}
                ]}""";
        int id = node.register(url(), "shipments-value", schema);

        SchemaRegistryClient client = SchemaRegistryClients.create(config);
        Schema expected = new Schema.Parser().parse(schema);
        assertThat(client.getSchemaById(id)).isEqualTo(expected);
        assertThat(client.getLatestSchema("shipments-value")).isEqualTo(new RegisteredSchema("shipments-value", 1, id, expected));
        // Our client registering the same schema finds Node's id.
        assertThat(client.register("shipments-value", expected)).isEqualTo(id);

        List<byte[]> written = node.serialize(url(), "shipments", Kind.VALUE, OptionalInt.of(id), List.of(
                """
                {"shipment_id":"9007199254740993","carrier":"DHL","weight":"-12.345",
                 "shipped_at":"2026-03-01T12:34:56.123456Z","due":"2026-03-05","parcels":[1,2,3]}""",
                """
                {"shipment_id":"1","carrier":null,"weight":"0.000",
                 "shipped_at":"1969-12-31T23:59:59.999999Z","due":"1970-01-01","parcels":[]}"""));

        try (var records = AvroSerdes.generic(config, false)) {
            GenericRecord first = records.deserializer().deserialize("shipments", written.get(0));
            assertThat(WireFormat.schemaId("shipments", false, written.get(0))).isEqualTo(id);
            assertThat(first.get("shipment_id")).isEqualTo(9_007_199_254_740_993L);
            assertThat(first.get("carrier")).hasToString("DHL");
            assertThat(first.get("weight")).isEqualTo(new BigDecimal("-12.345"));
            assertThat(first.get("shipped_at")).isEqualTo(Instant.parse("2026-03-01T12:34:56.123456Z"));
            assertThat(first.get("due")).isEqualTo(LocalDate.parse("2026-03-05"));
            assertThat((List<?>) first.get("parcels")).isEqualTo(List.of(1, 2, 3));

            GenericRecord second = records.deserializer().deserialize("shipments", written.get(1));
            assertThat(second.get("carrier")).isNull();
            assertThat(second.get("weight")).isEqualTo(new BigDecimal("0.000"));
            assertThat(second.get("shipped_at")).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
            assertThat(second.get("due")).isEqualTo(LocalDate.EPOCH);
            assertThat((List<?>) second.get("parcels")).isEmpty();
        }
    }

    @Test
    void nodeWritesOurSpecificRecordsWithTheLatestVersion() throws Exception {
        try (var payments = AvroSerdes.specific(Payment.class, config, false)) {
            payments.serializer().serialize("payments", Payments.specific());
            List<byte[]> written = node.serialize(url(), "payments", Kind.VALUE, OptionalInt.empty(), List.of("""
                    {"id":"7","payment_id":"1b4e28ba-2fa1-11d2-883f-0016d3cca427","amount":"-1234567890.12",
                     "fee":"0.0125","paid_at":"2026-03-01T12:00:00.123456Z","booked_at":"1969-12-31T23:59:59.999Z",
                     "value_date":"2026-02-28","status":"SETTLED","tags":["card","eur"],
                     "attributes":{"channel":"web"},"note":"first"}"""));
            Payment read = payments.deserializer().deserialize("payments", written.get(0));
            assertThat(read).hasToString(Payment.newBuilder(Payments.specific()).setId(7L).build().toString());
        }
    }

    private static GenericRecord toGeneric(Payment payment) {
        GenericRecord record = new GenericData.Record(Payment.getClassSchema());
        for (Schema.Field field : Payment.getClassSchema().getFields()) {
            Object value = payment.get(field.pos());
            record.put(field.pos(), value instanceof Enum<?> e
                    ? new GenericData.EnumSymbol(field.schema(), e.name()) : value);
        }
        return record;
    }
}
