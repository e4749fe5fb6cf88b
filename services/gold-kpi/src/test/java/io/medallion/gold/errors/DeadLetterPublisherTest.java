package io.medallion.gold.errors;

import io.medallion.avro.common.DeadLetter;
import io.medallion.gold.metrics.GoldMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterPublisherTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final List<DeadLetter> written = new ArrayList<>();
    private final Serializer<DeadLetter> capture = (topic, letter) -> {
        written.add(letter);
        return ("letter-" + written.size()).getBytes(StandardCharsets.UTF_8);
    };
    private final GoldMetrics metrics = new GoldMetrics(new SimpleMeterRegistry());
    private final DeadLetterPublisher publisher = new DeadLetterPublisher("gold-kpi", "gold.dead_letters",
            new StringSerializer(), capture, metrics, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anUndecodableRecordIsKeptWithItsBytesCoordinatesAndReason() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("silver.web_events", 2, 41L,
                "k".getBytes(StandardCharsets.UTF_8), new byte[]{0, 0, 0, 0, 9});
        ProducerRecord<byte[], byte[]> out = publisher.deserialization(record,
                new IllegalArgumentException("unknown schema id 9"));

        assertThat(out.topic()).isEqualTo("gold.dead_letters");
        assertThat(new String(out.key(), StandardCharsets.UTF_8)).isEqualTo("silver.web_events");
        assertThat(out.value()).isEqualTo("letter-1".getBytes(StandardCharsets.UTF_8));
        DeadLetter letter = written.get(0);
        assertThat(letter.getFailureKind()).isEqualTo("deserialization");
        assertThat(letter.getService()).isEqualTo("gold-kpi");
        assertThat(letter.getSourceTopic()).isEqualTo("silver.web_events");
        assertThat(letter.getSourcePartition()).isEqualTo(2);
        assertThat(letter.getSourceOffset()).isEqualTo(41L);
        assertThat(letter.getReason()).contains("unknown schema id 9");
        assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(new byte[]{0, 0, 0, 0, 9}));
        assertThat(letter.getFailedAt()).isEqualTo(NOW);
        assertThat(metrics.deadLetters()).isEqualTo(1);
    }

    @Test
    void aProcessingFailureKeepsTheSourceRecordStreamsReports() {
        publisher.processing(context("silver.web_events", 0, 7L, new byte[]{1}, new byte[]{2, 3}),
                new IllegalArgumentException("purchase x needs a positive price and quantity"));
        publisher.production(context("gold-kpi-gold-partials-repartition", 0, 8L, null, new byte[]{4}),
                new ArithmeticException("gmv does not fit"));

        assertThat(written).extracting(DeadLetter::getFailureKind).containsExactly("processing", "production");
        assertThat(written.get(0).getSourceOffset()).isEqualTo(7L);
        assertThat(written.get(0).getKey()).isEqualTo(ByteBuffer.wrap(new byte[]{1}));
        assertThat(written.get(0).getValue()).isEqualTo(ByteBuffer.wrap(new byte[]{2, 3}));
        assertThat(written.get(0).getReason()).contains("positive price and quantity");
        assertThat(written.get(1).getSourceTopic()).isEqualTo("gold-kpi-gold-partials-repartition");
        assertThat(written.get(1).getKey()).isNull();
        assertThat(metrics.deadLetters()).isEqualTo(2);
    }

    private static ErrorHandlerContext context(String topic, int partition, long offset, byte[] key, byte[] value) {
        return new ErrorHandlerContext() {
            @Override public String topic() { return topic; }
            @Override public int partition() { return partition; }
            @Override public long offset() { return offset; }
            @Override public Headers headers() { return new RecordHeaders(); }
            @Override public String processorNodeId() { return "gold-event-router"; }
            @Override public TaskId taskId() { return new TaskId(0, partition); }
            @Override public long timestamp() { return NOW.toEpochMilli(); }
            @Override public byte[] sourceRawKey() { return key; }
            @Override public byte[] sourceRawValue() { return value; }
        };
    }
}
