package io.medallion.bench.gold;

import io.medallion.avro.gold.Kpi1m;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads gold.kpi_1m as a downstream consumer would (read_committed) and notes, for every
 * window, how long after its end + grace it became visible.
 */
final class KpiWatcher implements Runnable {

    record Seen(Kpi1m kpi, long visibleAfterCloseMs) {
    }

    private final Properties props = new Properties();
    private final String topic;
    private final Deserializer<Long> keys;
    private final Deserializer<Kpi1m> values;
    private final long graceMs;
    private volatile boolean running = true;
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    KpiWatcher(String bootstrap, String topic, Deserializer<Long> keys, Deserializer<Kpi1m> values, Duration grace) {
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.topic = topic;
        this.keys = keys;
        this.values = values;
        this.graceMs = grace.toMillis();
    }

    @Override
    public void run() {
        try (KafkaConsumer<Long, Kpi1m> consumer = new KafkaConsumer<>(props, keys, values)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (running) {
                for (ConsumerRecord<Long, Kpi1m> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    long closesAt = r.value().getWindowEnd().toEpochMilli() + graceMs;
                    seen.add(new Seen(r.value(), now - closesAt));
                }
            }
        }
    }

    void stop() {
        running = false;
    }
}
