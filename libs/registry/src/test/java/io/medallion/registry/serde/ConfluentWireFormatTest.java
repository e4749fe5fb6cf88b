package io.medallion.registry.serde;

import io.medallion.registry.client.MockSchemaRegistry;
import io.medallion.registry.client.RegistryClientConfig;
import io.medallion.registry.client.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.medallion.registry.testing.TestSchemas.userV1;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact bytes Confluent's serializer produces, written out by hand from the wire-format and
 * Avro specifications: magic byte 0, the id in 4 big-endian bytes, then Avro binary (zig-zag
 * varints, length-prefixed strings), except a bare bytes value, which Confluent writes raw.
 */
class ConfluentWireFormatTest {

    private final String scope = "wire-" + UUID.randomUUID();
    private final SchemaRegistryClient registry = MockSchemaRegistry.getClientForScope(scope);
    private final KafkaAvroSerializer serializer = new KafkaAvroSerializer();
    private final KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();

    ConfluentWireFormatTest() {
        serializer.configure(Map.of(RegistryClientConfig.URL, "mock://" + scope), false);
        deserializer.configure(Map.of(RegistryClientConfig.URL, "mock://" + scope), false);
    }

    @AfterEach
    void drop() {
        MockSchemaRegistry.dropScope(scope);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void aStringValue() {
        // Ids 1..299 are taken first so the id needs more than one header byte.
        for (int i = 0; i < 299; i++) {
            registry.register("filler-" + i, Schema.createFixed("F" + i, null, "filler", 1));
        }
        byte[] bytes = serializer.serialize("t", "hi");
        // id 300 = 0x0000012c; "hi": length 2 as zig-zag varint 0x04, then 'h' 'i'.
        assertThat(bytes).containsExactly(bytes(0, 0, 0, 1, 0x2c, 0x04, 'h', 'i'));
        assertThat(deserializer.deserialize("t", bytes)).isEqualTo("hi");
    }

    @Test
    void longsAreZigZagVarints() {
        assertThat(serializer.serialize("t", -1L)).containsExactly(bytes(0, 0, 0, 0, 1, 0x01));
        assertThat(serializer.serialize("t", 150L)).containsExactly(bytes(0, 0, 0, 0, 1, 0xac, 0x02));
    }

    @Test
    void aBytesValueIsWrittenRawWithoutALengthPrefix() {
        byte[] bytes = serializer.serialize("t", new byte[] {7, 8, 9});
        assertThat(bytes).containsExactly(bytes(0, 0, 0, 0, 1, 7, 8, 9));
        assertThat((byte[]) deserializer.deserialize("t", bytes)).containsExactly(7, 8, 9);
    }

    @Test
    void aRecordIsItsFieldsInOrder() {
        GenericRecord user = new GenericData.Record(userV1());
        user.put("name", "Ada");
        assertThat(serializer.serialize("users", user)).containsExactly(bytes(0, 0, 0, 0, 1, 0x06, 'A', 'd', 'a'));
        assertThat(registry.getSubjects()).containsExactly("users-value");
    }
}
