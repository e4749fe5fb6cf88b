package io.medallion.common.deadletter;

import io.medallion.avro.common.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private ConsumerRecord<byte[], byte[]> record() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>("cdc.shop.web_events", 3, 42L, 1_700_000_000_000L, TimestampType.CREATE_TIME,
                2, 3, new byte[] {1, 2}, new byte[] {9, 8, 7}, headers, Optional.empty());
    }

    @Test
    void keepsRawBytesCoordinatesAndReason() {
        DeadLetter dl = DeadLetters.deserialization("silver-enricher", record(),
                new IllegalStateException("outer", new IllegalArgumentException("Unknown magic byte 7")), now);
        assertThat(dl.getFailureKind()).isEqualTo("deserialization");
        assertThat(dl.getReason()).isEqualTo("IllegalStateException: outer <- IllegalArgumentException: Unknown magic byte 7");
        assertThat(dl.getExceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(dl.getSourceTopic()).isEqualTo("cdc.shop.web_events");
        assertThat(dl.getSourcePartition()).isEqualTo(3);
        assertThat(dl.getSourceOffset()).isEqualTo(42L);
        assertThat(dl.getSourceTimestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(dl.getKey()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2}));
        assertThat(dl.getValue()).isEqualTo(ByteBuffer.wrap(new byte[] {9, 8, 7}));
        assertThat(dl.getHeaders()).containsEntry("trace", "abc");
        assertThat(dl.getFailedAt()).isEqualTo(now);
    }

    @Test
    void eachKindIsNamed() {
        assertThat(DeadLetters.mapping("bronze-writer[bronze]", record(), "column price: not a decimal", now).getFailureKind())
                .isEqualTo("mapping");
        assertThat(DeadLetters.schemaIncompatible("bronze-writer[bronze]", record(), "type of qty changed", now).getFailureKind())
                .isEqualTo("schema_incompatible");
        assertThat(DeadLetters.processing("gold-kpi", record(), new RuntimeException(), now).getReason())
                .isEqualTo("RuntimeException");
        assertThat(DeadLetters.production("gold-kpi", record(), new RuntimeException("too large"), now).getFailureKind())
                .isEqualTo("production");
    }
}
