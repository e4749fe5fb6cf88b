package io.medallion.testkit.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medallion.testkit.node.NodeInterop.Kind;
import io.medallion.testkit.node.NodeInterop.Payload;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Confluent's Node.js client reads what Java (Apache Avro) framed, and writes what Java reads. */
class NodeInteropIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "interop.sample";
    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Sample", "namespace": "io.medallion.testkit.interop", "fields": [
              {"name": "id", "type": "long"},
              {"name": "count", "type": "int"},
              {"name": "name", "type": ["null", "string"], "default": null},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
              {"name": "at_micros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
              {"name": "at_millis", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "raw", "type": "bytes"},
              {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "DONE"]}},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "attrs", "type": {"type": "map", "values": "long"}},
              {"name": "address", "type": ["null", {"type": "record", "name": "Address",
                "fields": [{"name": "city", "type": "string"}]}], "default": null}
            ]}""");
    private static final GenericData MODEL = new GenericData();

    static {
        MODEL.addLogicalTypeConversion(new Conversions.DecimalConversion());
        MODEL.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        MODEL.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    }

    /** The same two values as Java objects and in the JSON conventions of interop/node/README.md. */
    private static final List<GenericRecord> RECORDS = List.of(
            record(9_007_199_254_740_993L, 7, "anna", "-12.34", "2026-03-01T12:34:56.123456Z",
                    "2026-03-01T12:34:56.789Z", new byte[] {0, 1, (byte) 0xff}, "DONE", List.of("a", "b"),
                    Map.of("big", Long.MAX_VALUE), "Lyon"),
            record(-1L, 0, null, "0.05", "1969-12-31T23:59:59.999999Z", "1970-01-01T00:00:00Z",
                    new byte[0], "NEW", List.of(), Map.of(), null));
    private static final List<String> JSON_VALUES = List.of(
            """
            {"id":"9007199254740993","count":7,"name":"anna","price":"-12.34",
             "at_micros":"2026-03-01T12:34:56.123456Z","at_millis":"2026-03-01T12:34:56.789Z",
             "raw":"AAH/","status":"DONE","tags":["a","b"],"attrs":{"big":"9223372036854775807"},
             "address":{"city":"Lyon"}}""",
            """
            {"id":"-1","count":0,"name":null,"price":"0.05",
             "at_micros":"1969-12-31T23:59:59.999999Z","at_millis":"1970-01-01T00:00:00.000Z",
             "raw":"","status":"NEW","tags":[],"attrs":{},"address":null}""");

    private MiniRegistry registry;
    private NodeInterop node;

    @BeforeEach
    void start() throws Exception {
        node = NodeInterop.locate();
        registry = new MiniRegistry();
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void nodeDecodesWhatJavaFramedAndReportsBadPayloadsPerLine() throws Exception {
        int id = node.register(registry.url(), TOPIC + "-value", SCHEMA.toString());

        List<JsonNode> answers = node.decode(registry.url(), List.of(
                new Payload(TOPIC, Kind.VALUE, frame(id, RECORDS.get(0))),
                new Payload(TOPIC, Kind.VALUE, new byte[] {0, 0, 0, 0, 99, 1}),
                new Payload(TOPIC, Kind.VALUE, frame(id, RECORDS.get(1))),
                new Payload(TOPIC, Kind.VALUE, new byte[0])));

        assertThat(answers.get(0).get("value")).isEqualTo(JSON.readTree(JSON_VALUES.get(0)));
        assertThat(answers.get(1).has("error")).isTrue();
        assertThat(answers.get(2).get("value")).isEqualTo(JSON.readTree(JSON_VALUES.get(1)));
        assertThat(answers.get(3).get("value").isNull()).isTrue();
        assertThat(registry.requests()).contains("GET /schemas/ids/" + id + "?subject=" + TOPIC + "-value");
    }

    @Test
    void javaReadsWhatNodeSerializedWithAGivenIdAndWithTheLatestVersion() throws Exception {
        int id = node.register(registry.url(), TOPIC + "-value", SCHEMA.toString());

        List<byte[]> byId = node.serialize(registry.url(), TOPIC, Kind.VALUE, OptionalInt.of(id), JSON_VALUES);
        List<byte[]> byLatest = node.serialize(registry.url(), TOPIC, Kind.VALUE, OptionalInt.empty(), JSON_VALUES);

        for (List<byte[]> written : List.of(byId, byLatest)) {
            assertThat(written).hasSize(2);
            for (int i = 0; i < written.size(); i++) {
                byte[] bytes = written.get(i);
                assertThat(bytes[0]).isZero();
                assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
                // Compared as text: the reader yields Utf8 where the expected record holds String.
                assertThat(MODEL.toString(unframe(bytes))).isEqualTo(MODEL.toString(RECORDS.get(i)));
            }
        }
    }

    @Test
    void runReportsExitStatusAndStderrOfAFailingScript() {
        NodeInterop.Result result = node.run("register.mjs", List.of(), List.of());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("usage: node register.mjs");
    }

    private static GenericRecord record(long id, int count, String name, String price, String atMicros,
                                        String atMillis, byte[] raw, String status, List<String> tags,
                                        Map<String, Long> attrs, String city) {
        GenericData.Record r = new GenericData.Record(SCHEMA);
        r.put("id", id);
        r.put("count", count);
        r.put("name", name);
        r.put("price", new BigDecimal(price));
        r.put("at_micros", Instant.parse(atMicros));
        r.put("at_millis", Instant.parse(atMillis));
        r.put("raw", ByteBuffer.wrap(raw));
        r.put("status", new GenericData.EnumSymbol(SCHEMA.getField("status").schema(), status));
        r.put("tags", tags);
        r.put("attrs", attrs);
        if (city != null) {
            Schema addressSchema = SCHEMA.getField("address").schema().getTypes().get(1);
            GenericData.Record address = new GenericData.Record(addressSchema);
            address.put("city", city);
            r.put("address", address);
        }
        return r;
    }

    /** Confluent framing: magic byte 0, the schema id as a big-endian int, Avro binary. */
    private static byte[] frame(int schemaId, GenericRecord value) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(SCHEMA, MODEL).write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static GenericRecord unframe(byte[] bytes) throws Exception {
        return new GenericDatumReader<GenericRecord>(SCHEMA, SCHEMA, MODEL)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
    }
}
