package io.medallion.gold;

import io.medallion.gold.errors.DeadLetterHandlers;
import io.medallion.gold.errors.DeadLetterPublisher;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Properties;

/** The Kafka Streams configuration of gold-kpi, from its typed settings. */
public final class GoldStreamsProperties {

    private GoldStreamsProperties() {
    }

    /**
     * Tuning default, overridable with {@code medallion.gold.streams.producer.retry.backoff.ms}.
     * With exactly_once_v2 committing every 100 ms, the first send of a new transaction often
     * meets CONCURRENT_TRANSACTIONS while the broker still writes the previous commit's markers;
     * at the producer's default 100 ms backoff that retry stalls the stream thread for a whole
     * commit interval (measured: 5,500 instead of 10,000 events/s, see bench/gold). Backoff
     * still grows exponentially on repeated failures (retry.backoff.max.ms).
     */
    static final String PRODUCER_RETRY_BACKOFF_MS = "10";

    /**
     * Tuning default (Kafka's is 45 s), overridable with
     * {@code medallion.gold.streams.main.consumer.session.timeout.ms}: the tasks of a crashed
     * instance, and so every window, wait until its session expires.
     */
    static final String SESSION_TIMEOUT_MS = "10000";

    public static Properties of(GoldConfig config, DeadLetterPublisher deadLetters) {
        Properties p = new Properties();
        p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), PRODUCER_RETRY_BACKOFF_MS);
        p.put(StreamsConfig.mainConsumerPrefix(org.apache.kafka.clients.consumer.ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                SESSION_TIMEOUT_MS);
        p.putAll(config.streamsOverrides());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        // State and output commit together: a window is emitted exactly once across restarts.
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        if (config.replicationFactor() > 0) {
            p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.replicationFactor());
        }
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Deserialization.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Processing.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Production.class);
        p.put(DeadLetterPublisher.CONFIG_KEY, deadLetters);
        return p;
    }
}
