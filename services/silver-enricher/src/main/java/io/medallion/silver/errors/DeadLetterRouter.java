package io.medallion.silver.errors;

import io.medallion.avro.common.DeadLetter;
import io.medallion.common.config.ConfigException;
import io.medallion.common.deadletter.DeadLetters;
import io.medallion.common.deadletter.FailureKind;
import io.medallion.silver.metrics.SilverMetrics;
import io.micrometer.core.instrument.Counter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a failed record into a {@link DeadLetter} on {@code silver.dead_letters}, serialized
 * for Kafka Streams' dead-letter-queue support (the handlers return it in their
 * {@code Response}, and Streams produces it in the same transaction as the task's output).
 * Keyed by the source topic. For source topics that hold personal data the value bytes are
 * withheld: they would carry names, e-mails and phones in clear. Counts every dead letter.
 *
 * <p>Kafka Streams instantiates the handlers itself; they find the router in their
 * configuration under {@link #CONFIG_KEY}. Thread-safe.
 */
public final class DeadLetterRouter {

    /** The Streams configuration entry holding the router instance. */
    public static final String CONFIG_KEY = "medallion.silver.dead-letter-router";

    private final String service;
    private final String topic;
    private final Serializer<String> keySerializer;
    private final Serializer<DeadLetter> valueSerializer;
    private final Set<String> personalTopics;
    private final Clock clock;
    private final Map<FailureKind, Counter> counters = new EnumMap<>(FailureKind.class);

    public DeadLetterRouter(String service, String topic, Serializer<String> keySerializer,
                            Serializer<DeadLetter> valueSerializer, Set<String> personalTopics,
                            SilverMetrics metrics, Clock clock) {
        this.service = service;
        this.topic = topic;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        this.personalTopics = Set.copyOf(personalTopics);
        this.clock = clock;
        for (FailureKind kind : FailureKind.values()) {
            counters.put(kind, metrics.deadLetters(kind.wireName()));
        }
    }

    /** The router a handler was configured with. */
    public static DeadLetterRouter from(Map<String, ?> configs) {
        Object router = configs.get(CONFIG_KEY);
        if (!(router instanceof DeadLetterRouter r)) {
            throw new ConfigException(CONFIG_KEY, "must hold the DeadLetterRouter instance (SilverConfig.streamsProperties sets it)");
        }
        return r;
    }

    public String topic() {
        return topic;
    }

    /**
     * The dead letter of a record that failed at {@code context}, ready to produce.
     *
     * @param key the raw key bytes of the source record
     * @param value the raw value bytes of the source record
     */
    public ProducerRecord<byte[], byte[]> deadLetter(FailureKind kind, ErrorHandlerContext context,
                                                     byte[] key, byte[] value, Exception error) {
        Instant now = clock.instant();
        boolean withhold = personalTopics.contains(context.topic());
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>(context.topic(), context.partition(), context.offset(),
                context.timestamp(), TimestampType.CREATE_TIME, key == null ? -1 : key.length, value == null ? -1 : value.length,
                key, withhold ? null : value, context.headers() == null ? new RecordHeaders() : context.headers(), Optional.empty());
        DeadLetter letter = switch (kind) {
            case DESERIALIZATION -> DeadLetters.deserialization(service, source, error, now);
            case PRODUCTION -> DeadLetters.production(service, source, error, now);
            default -> DeadLetters.processing(service, source, error, now);
        };
        if (withhold && value != null) {
            letter.setReason(letter.getReason() + " [value withheld: " + context.topic() + " holds personal data]");
        }
        counters.get(kind).increment();
        return new ProducerRecord<>(topic, null, now.toEpochMilli(),
                keySerializer.serialize(topic, context.topic()), valueSerializer.serialize(topic, letter));
    }
}
