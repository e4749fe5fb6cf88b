package io.medallion.bench.fleet.load;

import io.medallion.common.topics.TopicNames;
import io.medallion.gold.serde.GoldSerdes;
import io.medallion.gold.topology.GoldTopics;
import io.medallion.loadgen.clickstream.ClickEvent;
import io.medallion.loadgen.clickstream.ClickstreamFactory;
import io.medallion.loadgen.clickstream.ClickstreamProfile;
import io.medallion.loadgen.model.Catalog;
import io.medallion.registry.serde.KafkaAvroSerializer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Produces {@code cdc.shop.web_events} change envelopes straight into Kafka at a fixed rate,
 * through the schema registry (same Avro contract as capture), plus a capture heartbeat every
 * second for as long as the feed exists (gold-kpi closes the last windows on heartbeats after
 * the load stops): the streaming and sink segment measured without PostgreSQL and capture. Open loop:
 * every {@value #TICK_MILLIS} ms the events due are sent as one "transaction" (one tx id, one
 * commit time = now).
 */
public final class KafkaFeed implements LoadDriver {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaFeed.class);
    private static final long TICK_MILLIS = 5;
    private static final String TOPIC = TopicNames.cdcShop("web_events");

    private final KafkaProducer<Object, Object> producer;
    private final KafkaProducer<byte[], Long> heartbeats;
    private final GoldTopics goldTopics;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private long lsn = 0x1_0000_0000L;
    private long txId = 1_000;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile boolean finished = true;
    private volatile long behindMillis;
    private volatile long maxBehindMillis;
    private final java.util.concurrent.ScheduledExecutorService clock =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kafka-feed-heartbeats");
                t.setDaemon(true);
                return t;
            });

    public KafkaFeed(String bootstrapServers, String registryUrl) {
        Map<String, Object> serde = Map.of("schema.registry.url", registryUrl);
        KafkaAvroSerializer keys = new KafkaAvroSerializer();
        keys.configure(serde, true);
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        values.configure(serde, false);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        this.producer = new KafkaProducer<>(props, castSerializer(keys), castSerializer(values));
        this.goldTopics = GoldSerdes.topics(serde);
        this.heartbeats = new KafkaProducer<>(props, new ByteArraySerializer(), goldTopics.heartbeats().valueSerde().serializer());
        clock.scheduleAtFixedRate(() -> heartbeat(Instant.now()), 0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static org.apache.kafka.common.serialization.Serializer<Object> castSerializer(KafkaAvroSerializer s) {
        return (org.apache.kafka.common.serialization.Serializer) s;
    }

    @Override
    public synchronized void start(int rate, Duration duration, long seed) {
        stop();
        ClickstreamProfile profile = new ClickstreamProfile(5_000, 500, 0.02, 0.05, 0.01, 0.01, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(120), Math.max(1, rate * 3L));
        ClickstreamFactory factory = new ClickstreamFactory(seed, profile, Catalog.generate(seed, 500));
        long total = duration.isZero() ? Long.MAX_VALUE : (long) Math.floor(rate * duration.toNanos() / 1e9);
        running = true;
        finished = false;
        maxBehindMillis = 0;
        Thread t = new Thread(() -> run(factory, rate, total), "kafka-feed");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void run(ClickstreamFactory factory, int rate, long total) {
        Map<Long, GenericRecord> pendingResends = new HashMap<>();
        long began = System.nanoTime();
        long sent = 0;
        try {
            while (running && sent < total) {
                long elapsedNanos = System.nanoTime() - began;
                long due = Math.min(total, (long) Math.floor(elapsedNanos / 1e9 * rate));
                Instant now = Instant.now();
                if (due > sent) {
                    txId++;
                    while (sent < due && running) {
                        send(factory.next(), pendingResends, now);
                        sent++;
                    }
                }
                long behind = (long) ((elapsedNanos / 1e9 - sent / (double) rate) * 1000);
                behindMillis = Math.max(0, behind);
                maxBehindMillis = Math.max(maxBehindMillis, behindMillis);
                Thread.sleep(TICK_MILLIS);
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Kafka feed failed", e);
            failure.set(e.toString());
        } finally {
            behindMillis = 0;
            finished = sent >= total;
        }
    }

    private void send(ClickEvent event, Map<Long, GenericRecord> pendingResends, Instant now) {
        long id = nextId.getAndIncrement();
        GenericRecord row;
        if (event instanceof ClickEvent.Fresh fresh) {
            row = WebEventEnvelopes.row(id, fresh.event(), now);
            if (fresh.resentLater()) {
                pendingResends.put(fresh.seq(), row);
            }
        } else {
            ClickEvent.Resend resend = (ClickEvent.Resend) event;
            GenericRecord original = pendingResends.remove(resend.originalSeq());
            row = WebEventEnvelopes.withId(original, id);
        }
        lsn += 120;
        producer.send(new ProducerRecord<>(TOPIC, WebEventEnvelopes.key(id), WebEventEnvelopes.insert(row, lsn, txId, now)),
                (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error.toString());
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
    }

    /** What capture sends every heartbeat interval: gold-kpi's clock when the clickstream pauses. */
    private void heartbeat(Instant now) {
        heartbeats.send(new ProducerRecord<>(TopicNames.CAPTURE_HEARTBEAT, null, now.toEpochMilli(), new byte[0], now.toEpochMilli()));
    }

    @Override
    public long events() {
        return acknowledged.get();
    }

    @Override
    public Duration behindSchedule() {
        return Duration.ofMillis(behindMillis);
    }

    @Override
    public Duration maxBehindSchedule() {
        return Duration.ofMillis(maxBehindMillis);
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public void close() {
        stop();
        clock.shutdownNow();
        producer.close(Duration.ofSeconds(30));
        heartbeats.close(Duration.ofSeconds(10));
        goldTopics.close();
    }
}
