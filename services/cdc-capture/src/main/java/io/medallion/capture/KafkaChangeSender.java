package io.medallion.capture;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.medallion.capture.avro.ChangeRecord;
import io.medallion.capture.avro.RecordMapper;
import io.medallion.capture.metrics.CaptureMetrics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Debezium's batch consumer: maps every record of a batch to the contract, sends the whole
 * batch, waits until Kafka acknowledged every record (acks=all, idempotent producer), and only
 * then marks the records processed and the batch finished. Any failure (mapping, registry,
 * send) throws: the engine stops with the batch unmarked, so its offsets are never stored and a
 * restart sends the batch again. Nothing is ever skipped.
 */
final class KafkaChangeSender implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    /** Makes sure a topic exists before the first record goes to it. */
    interface Topics {
        void ensure(String topic);
    }

    /** A batch could not be delivered; the engine stops and the batch is sent again on restart. */
    static final class SendFailedException extends RuntimeException {
        SendFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final RecordMapper mapper;
    private final Producer<Object, Object> producer;
    private final Topics topics;
    private final CaptureMetrics metrics;

    KafkaChangeSender(RecordMapper mapper, Producer<Object, Object> producer, Topics topics, CaptureMetrics metrics) {
        this.mapper = mapper;
        this.producer = producer;
        this.topics = topics;
        this.metrics = metrics;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            for (RecordChangeEvent<SourceRecord> event : records) {
                Optional<ChangeRecord> change = mapper.map(event.record());
                if (change.isPresent()) {
                    acks.add(send(change.get()));
                }
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (ExecutionException e) {
            metrics.sendFailed();
            throw new SendFailedException("Kafka did not acknowledge a change; stopping without storing the batch's offsets", e.getCause());
        } catch (RuntimeException e) {
            metrics.sendFailed();
            throw new SendFailedException("could not send a batch of " + records.size() + " changes: " + e.getMessage(), e);
        }
        for (RecordChangeEvent<SourceRecord> event : records) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
    }

    @Override
    public boolean supportsTombstoneEvents() {
        return false;
    }

    private Future<RecordMetadata> send(ChangeRecord change) {
        topics.ensure(change.topic());
        return producer.send(new ProducerRecord<>(change.topic(), change.key(), change.value()), (metadata, error) -> {
            if (error != null) {
                return;
            }
            if (!change.isChange()) {
                metrics.heartbeat();
                return;
            }
            metrics.captured(change.table());
            // A snapshot read has no source commit: its ts_ms is when the snapshot read it.
            if (!"r".equals(change.op()) && change.sourceTsMs() != null) {
                metrics.lag(System.currentTimeMillis() - change.sourceTsMs());
            }
        });
    }
}
