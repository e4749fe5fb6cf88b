package io.medallion.silver.topology;

import io.medallion.avro.silver.QuarantineKey;
import io.medallion.avro.silver.QuarantineRecord;
import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a quarantined record carries, and that quarantine loses nothing. */
class QuarantineTopologyTest {

    private final SilverDriver silver = new SilverDriver();

    @AfterEach
    void close() {
        silver.close();
    }

    @Test
    void aQuarantinedChangeKeepsItsReasonsCoordinatesRowAndBytes() {
        silver.pipe("returns", 1, Cdc.insert("returns", Samples.avroRow("returns", 1), 10L, Samples.COMMIT));
        GenericRecord bad = Samples.with("returns", 2, "status", "lost");
        GenericRecord envelope = Cdc.insert("returns", bad, 11L, Samples.COMMIT);
        long offset = silver.pipeBytes("cdc.shop.returns", silver.encodeKey("returns", 2), silver.encode("returns", envelope));

        List<KeyValue<QuarantineKey, QuarantineRecord>> q = silver.quarantine();
        assertThat(q).hasSize(1);
        assertThat(q.get(0).key).isEqualTo(new QuarantineKey("cdc.shop.returns", "{\"return_id\":2}"));
        QuarantineRecord r = q.get(0).value;
        assertThat(r.getEntity()).isEqualTo("returns");
        assertThat(r.getSourceTopic()).isEqualTo("cdc.shop.returns");
        assertThat(r.getSourcePartition()).isZero();
        assertThat(r.getSourceOffset()).isEqualTo(offset).isEqualTo(1L);
        assertThat(r.getSourceKey()).isEqualTo("{\"return_id\":2}");
        assertThat(r.getOriginal()).isEqualTo("{\"return_id\":2,\"order_id\":1,\"product_id\":1,\"quantity\":1,\"reason\":\"damaged\","
                + "\"status\":\"lost\",\"refund_amount\":89.90,\"requested_at\":\"2025-06-01T12:00:00Z\"}");
        assertThat(r.getOriginalValue()).isEqualTo(ByteBuffer.wrap(silver.encode("returns", envelope)));
        assertThat(r.getValidationErrors()).containsExactly("status: must be one of [requested, received, refunded, rejected], was 'lost'");
        assertThat(r.getOp()).isEqualTo("c");
        assertThat(r.getSourceLsn()).isEqualTo(11L);
        assertThat(r.getSourceTs()).isEqualTo(Samples.COMMIT);
        assertThat(r.getProcessingTs()).isEqualTo(SilverDriver.PROCESSED_AT);
    }

    @Test
    void everyRecordInIsAccountedForAsSilverQuarantineOrDuplicate() {
        for (long id = 1; id <= 20; id++) {
            GenericRecord row = id % 4 == 0 ? Samples.with("web_events", id, "event_type", "bogus") : Samples.avroRow("web_events", id);
            row.put("event_id", Samples.eventId(id % 3 == 0 ? id - 1 : id));
            silver.pipe("web_events", id, Cdc.insert("web_events", row, id, Samples.COMMIT));
        }

        var c = silver.counters();
        long in = c.recordsIn().get("cdc.shop.web_events");
        long out = c.recordsOut().get("silver.web_events");
        long quarantined = c.quarantined().get("web_events");
        long duplicates = c.dedupHits().get("web_events");
        assertThat(in).isEqualTo(20);
        assertThat(out + quarantined + duplicates).isEqualTo(in);
        assertThat(out).isEqualTo(silver.silverValues("web_events").size());
        assertThat(quarantined).isEqualTo(silver.quarantine().size()).isEqualTo(5);
        assertThat(duplicates).isPositive();
    }
}
