package io.medallion.capture;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.medallion.capture.avro.RecordMapper;
import io.medallion.capture.metrics.CaptureMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class KafkaChangeSenderTest {

    private static final Schema KEY = SchemaBuilder.struct().name("io.debezium.connector.common.ServerNameKey")
            .field("serverName", Schema.STRING_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
            .field("ts_ms", Schema.INT64_SCHEMA).build();
    /** Only the fact that something was serialized matters here; the wire format has its own tests. */
    private static final Serializer<Object> TO_STRING = (topic, data) -> String.valueOf(data).getBytes();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CaptureMetrics metrics = new CaptureMetrics(meters, "slot", () -> 0);
    private final List<String> ensuredTopics = new ArrayList<>();
    private final RecordingCommitter committer = new RecordingCommitter();

    @Test
    void marksEveryRecordOnlyAfterKafkaAcknowledgedTheBatch() throws Exception {
        MockProducer<Object, Object> producer = new MockProducer<>(false, null, TO_STRING, TO_STRING);
        KafkaChangeSender sender = new KafkaChangeSender(new RecordMapper(), producer, ensuredTopics::add, metrics);
        List<RecordChangeEvent<SourceRecord>> batch = List.of(heartbeat(1), heartbeat(2), tombstone());

        CompletableFuture<Void> handled = CompletableFuture.runAsync(() -> handle(sender, batch));
        await().atMost(10, TimeUnit.SECONDS).until(() -> producer.history().size() == 2);
        assertThat(committer.processed).isEmpty();
        assertThat(committer.batchFinished).isFalse();

        producer.completeNext();
        assertThat(committer.processed).isEmpty();
        producer.completeNext();
        handled.get(10, TimeUnit.SECONDS);

        assertThat(committer.processed).containsExactlyElementsOf(batch);
        assertThat(committer.batchFinished).isTrue();
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly("__debezium-heartbeat.cdc");
        assertThat(ensuredTopics).contains("__debezium-heartbeat.cdc");
        assertThat(metrics.heartbeats()).isEqualTo(2);
    }

    @Test
    void aFailedSendFailsTheBatchAndMarksNothing() {
        MockProducer<Object, Object> producer = new MockProducer<>(false, null, TO_STRING, TO_STRING);
        KafkaChangeSender sender = new KafkaChangeSender(new RecordMapper(), producer, ensuredTopics::add, metrics);
        List<RecordChangeEvent<SourceRecord>> batch = List.of(heartbeat(1), heartbeat(2));

        CompletableFuture<Void> handled = CompletableFuture.runAsync(() -> handle(sender, batch));
        await().atMost(10, TimeUnit.SECONDS).until(() -> producer.history().size() == 2);
        producer.completeNext();
        producer.errorNext(new NotEnoughReplicasException("ISR too small"));

        assertThatThrownBy(() -> handled.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(KafkaChangeSender.SendFailedException.class)
                .hasRootCauseInstanceOf(NotEnoughReplicasException.class);
        assertThat(committer.processed).isEmpty();
        assertThat(committer.batchFinished).isFalse();
        assertThat(meters.get(io.medallion.capture.metrics.CaptureMetrics.SEND_FAILURES).counter().count()).isEqualTo(1.0);
    }

    @Test
    void aRecordThatCannotBeMappedFailsTheBatch() {
        MockProducer<Object, Object> producer = new MockProducer<>(true, null, TO_STRING, TO_STRING);
        KafkaChangeSender sender = new KafkaChangeSender(new RecordMapper(), producer, ensuredTopics::add, metrics);
        Schema unnamed = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build();
        RecordChangeEvent<SourceRecord> bad = () -> new SourceRecord(Map.of(), Map.of(), "cdc.shop.x", null, null,
                unnamed, new Struct(unnamed).put("x", 1));

        assertThatThrownBy(() -> sender.handleBatch(List.of(heartbeat(1), bad), committer))
                .isInstanceOf(KafkaChangeSender.SendFailedException.class);
        assertThat(committer.processed).isEmpty();
    }

    private void handle(KafkaChangeSender sender, List<RecordChangeEvent<SourceRecord>> batch) {
        try {
            sender.handleBatch(batch, committer);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RecordChangeEvent<SourceRecord> heartbeat(long ts) {
        SourceRecord r = new SourceRecord(Map.of(), Map.of(), "__debezium-heartbeat.cdc", KEY,
                new Struct(KEY).put("serverName", "cdc"), VALUE, new Struct(VALUE).put("ts_ms", ts));
        return () -> r;
    }

    private static RecordChangeEvent<SourceRecord> tombstone() {
        SourceRecord r = new SourceRecord(Map.of(), Map.of(), "cdc.shop.orders", KEY, new Struct(KEY).put("serverName", "cdc"), null, null);
        return () -> r;
    }

    private static final class RecordingCommitter implements DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> {
        final List<RecordChangeEvent<SourceRecord>> processed = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean batchFinished;

        @Override
        public void markProcessed(RecordChangeEvent<SourceRecord> record) {
            processed.add(record);
        }

        @Override
        public void markBatchFinished() {
            batchFinished = true;
        }

        @Override
        public void markProcessed(RecordChangeEvent<SourceRecord> record, DebeziumEngine.Offsets offsets) {
            processed.add(record);
        }

        @Override
        public DebeziumEngine.Offsets buildOffsets() {
            throw new UnsupportedOperationException();
        }
    }
}
