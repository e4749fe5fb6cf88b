package io.medallion.silver.source;

import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeEventSerdeTest {

    private static final byte[] BYTES = {0, 0, 0, 0, 42, 1, 2, 3};

    private static ChangeEventSerde decodingTo(GenericRecord decoded) {
        Deserializer<GenericRecord> avro = (topic, data) -> decoded;
        return new ChangeEventSerde(avro);
    }

    @Test
    void keepsTheRawBytesNextToTheDecodedEnvelope() {
        GenericRecord envelope = Cdc.insert("orders", Samples.avroRow("orders", 5), 700L, Samples.COMMIT);

        ChangeEvent event = decodingTo(envelope).deserializer().deserialize("cdc.shop.orders", BYTES);

        assertThat(event.rawValue()).isSameAs(BYTES);
        assertThat(event.op()).isEqualTo(Op.CREATE);
        assertThat(event.lsn()).isEqualTo(700L);
        assertThat(event.committedAtMs()).isEqualTo(Samples.COMMIT.toEpochMilli());
        assertThat(event.sourceTable()).isEqualTo("orders");
        assertThat(event.image().get("order_id")).isEqualTo(5L);
        assertThat(decodingTo(envelope).serializer().serialize("cdc.shop.orders", event)).isSameAs(BYTES);
    }

    @Test
    void theImageOfADeleteIsTheBeforeRow() {
        GenericRecord before = Samples.avroRow("orders", 5);
        ChangeEvent event = ChangeEvent.of(Cdc.delete("orders", before, 800L, Samples.COMMIT), BYTES);

        assertThat(event.op()).isEqualTo(Op.DELETE);
        assertThat(event.image()).isSameAs(before);
    }

    @Test
    void aTombstoneIsASerializationError() {
        assertThatThrownBy(() -> decodingTo(null).deserializer().deserialize("cdc.shop.orders", null))
                .isInstanceOf(SerializationException.class).hasMessageContaining("tombstone");
    }

    @Test
    void aRecordThatIsNoEnvelopeIsASerializationError() {
        GenericRecord other = new GenericData.Record(SchemaBuilder.record("Heartbeat").fields().requiredLong("ts_ms").endRecord());
        other.put("ts_ms", 1L);

        assertThatThrownBy(() -> decodingTo(other).deserializer().deserialize("cdc.shop.orders", BYTES))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a change envelope").hasMessageContaining("cdc.shop.orders");
    }

    @Test
    void anUnknownOpIsReadAsNullButKeptAsWritten() {
        ChangeEvent event = ChangeEvent.of(Cdc.envelope("orders", "t", null, null, 1L, Samples.COMMIT), BYTES);

        assertThat(event.op()).isNull();
        assertThat(event.opCode()).isEqualTo("t");
    }
}
