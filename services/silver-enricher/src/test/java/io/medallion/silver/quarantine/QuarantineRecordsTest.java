package io.medallion.silver.quarantine;

import io.medallion.avro.silver.QuarantineKey;
import io.medallion.avro.silver.QuarantineRecord;
import io.medallion.silver.entity.Entities;
import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import io.medallion.silver.pii.HmacKey;
import io.medallion.silver.pii.PiiTokenizer;
import io.medallion.silver.source.ChangeEvent;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuarantineRecordsTest {

    private static final Entities ENTITIES = new Entities(Duration.ofMinutes(5));
    private static final PiiTokenizer TOKENIZER = new PiiTokenizer(HmacKey.of("k".repeat(32)));
    private static final byte[] RAW = {0, 0, 0, 0, 7, 42};
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:09Z");

    @Test
    void keepsEveryReasonTheCoordinatesTheRowAndTheRawBytes() {
        ChangeEvent event = ChangeEvent.of(Cdc.insert("orders", Samples.with("orders", 5, "status", "lost"), 321L, Samples.COMMIT), RAW);

        QuarantineRecord q = new QuarantineRecords(ENTITIES.get("orders"), TOKENIZER)
                .record("cdc.shop.orders", 2, 99L, Cdc.key("orders", 5), event, List.of("a", "b"), NOW);

        assertThat(q.getEntity()).isEqualTo("orders");
        assertThat(q.getSourceTopic()).isEqualTo("cdc.shop.orders");
        assertThat(q.getSourcePartition()).isEqualTo(2);
        assertThat(q.getSourceOffset()).isEqualTo(99L);
        assertThat(q.getSourceKey()).isEqualTo("{\"order_id\":5}");
        assertThat(q.getOriginal()).startsWith("{\"order_id\":5,").contains("\"status\":\"lost\"");
        assertThat(q.getOriginalValue()).isEqualTo(ByteBuffer.wrap(RAW));
        assertThat(q.getValidationErrors()).containsExactly("a", "b");
        assertThat(q.getOp()).isEqualTo("c");
        assertThat(q.getSourceLsn()).isEqualTo(321L);
        assertThat(q.getSourceTs()).isEqualTo(Samples.COMMIT);
        assertThat(q.getProcessingTs()).isEqualTo(NOW);
    }

    @Test
    void personalDataEntitiesKeepNeitherRawBytesNorClearColumns() {
        ChangeEvent event = ChangeEvent.of(Cdc.insert("customers", Samples.with("customers", 5, "segment", "vip"), 1L, Samples.COMMIT), RAW);

        QuarantineRecord q = new QuarantineRecords(ENTITIES.get("customers"), TOKENIZER)
                .record("cdc.shop.customers", 0, 1L, Cdc.key("customers", 5), event, List.of("segment"), NOW);

        assertThat(q.getOriginalValue()).isNull();
        assertThat(q.getOriginal()).doesNotContain("Wilhelmina", "Zwanenburg", "Example.org", "555").contains("token:");
    }

    @Test
    void theKeyIsTheSourceTopicAndKeyJson() {
        assertThat(QuarantineRecords.key("cdc.shop.orders", Cdc.key("orders", 5)))
                .isEqualTo(new QuarantineKey("cdc.shop.orders", "{\"order_id\":5}"));
    }
}
