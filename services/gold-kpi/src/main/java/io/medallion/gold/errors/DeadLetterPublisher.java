package io.medallion.gold.errors;

import io.medallion.avro.common.DeadLetter;
import io.medallion.common.deadletter.DeadLetters;
import io.medallion.common.deadletter.FailureKind;
import io.medallion.gold.metrics.GoldMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * Turns a failure into the dead-letter record the Kafka Streams exception handlers hand back to
 * Streams, which sends it to gold.dead_letters in the task's transaction. Keeps the source
 * record's raw bytes and coordinates (see {@link DeadLetters}), counts it and logs it.
 * Dead letters are keyed by their source topic, as silver-enricher keys its own; the source
 * key itself is inside the {@link DeadLetter}.
 */
public final class DeadLetterPublisher {

    /** Config key under which the service hands the publisher to the handlers Streams creates. */
    public static final String CONFIG_KEY = "medallion.gold.internal.dead-letter-publisher";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final String service;
    private final String topic;
    private final Serializer<String> keySerializer;
    private final Serializer<DeadLetter> valueSerializer;
    private final GoldMetrics metrics;
    private final Clock clock;

    public DeadLetterPublisher(String service, String topic, Serializer<String> keySerializer,
                               Serializer<DeadLetter> valueSerializer, GoldMetrics metrics, Clock clock) {
        this.service = service;
        this.topic = topic;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        this.metrics = metrics;
        this.clock = clock;
    }

    public ProducerRecord<byte[], byte[]> deserialization(ConsumerRecord<byte[], byte[]> record, Exception error) {
        return publish(FailureKind.DESERIALIZATION, DeadLetters.deserialization(service, record, error, clock.instant()));
    }

    public ProducerRecord<byte[], byte[]> processing(ErrorHandlerContext context, Exception error) {
        return publish(FailureKind.PROCESSING, DeadLetters.processing(service, sourceRecord(context), error, clock.instant()));
    }

    public ProducerRecord<byte[], byte[]> production(ErrorHandlerContext context, Exception error) {
        return publish(FailureKind.PRODUCTION, DeadLetters.production(service, sourceRecord(context), error, clock.instant()));
    }

    private ProducerRecord<byte[], byte[]> publish(FailureKind kind, DeadLetter letter) {
        metrics.deadLetter(kind);
        LOG.warn("Dead-lettering {}-{}@{} to {} ({}): {}", letter.getSourceTopic(), letter.getSourcePartition(),
                letter.getSourceOffset(), topic, kind.wireName(), letter.getReason());
        return new ProducerRecord<>(topic, null, letter.getFailedAt().toEpochMilli(),
                keySerializer.serialize(topic, letter.getSourceTopic()), valueSerializer.serialize(topic, letter));
    }

    /** The source record the failing work came from, as Streams describes it. */
    private static ConsumerRecord<byte[], byte[]> sourceRecord(ErrorHandlerContext c) {
        return new ConsumerRecord<>(c.topic() == null ? "(none)" : c.topic(), c.partition(), c.offset(),
                c.timestamp(), TimestampType.CREATE_TIME, -1, -1,
                c.sourceRawKey(), c.sourceRawValue(), c.headers(), Optional.empty());
    }
}
