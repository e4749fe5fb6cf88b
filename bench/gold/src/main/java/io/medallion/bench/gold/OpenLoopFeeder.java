package io.medallion.bench.gold;

import io.medallion.avro.silver.EventType;
import io.medallion.avro.silver.WebEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends silver web events on a fixed schedule, in 1 ms slots, whatever the broker does (open
 * loop: a slow broker shows up as send lag, not as a lower offered rate). Event time is the
 * slot's wall-clock time; the source commit time is the moment of sending.
 */
final class OpenLoopFeeder implements Runnable {

    private static final long SLOT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final KafkaProducer<String, WebEvent> producer;
    private final String topic;
    private final int rate;
    private final long durationNanos;
    private final int users;
    private final SplittableRandom random = new SplittableRandom(42);
    final AtomicLong sent = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private volatile long maxLagMs;
    private volatile Instant lastEventTime = Instant.EPOCH;

    OpenLoopFeeder(KafkaProducer<String, WebEvent> producer, String topic, int rate, long durationNanos, int users) {
        this.producer = producer;
        this.topic = topic;
        this.rate = rate;
        this.durationNanos = durationNanos;
        this.users = users;
    }

    @Override
    public void run() {
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        long slots = durationNanos / SLOT_NANOS;
        long due = 0;
        for (long slot = 0; slot < slots; slot++) {
            long slotNanos = startNanos + slot * SLOT_NANOS;
            long wait = slotNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                maxLagMs = Math.max(maxLagMs, -wait / 1_000_000);
            }
            // Events owed by the end of this slot, so fractional rates add up exactly.
            long owed = (slot + 1) * rate / 1000 - due;
            Instant eventTime = Instant.ofEpochMilli(startMillis + slot);
            for (long i = 0; i < owed; i++) {
                WebEvent event = event(eventTime);
                producer.send(new ProducerRecord<>(topic, null, eventTime.toEpochMilli(), event.getEventId(), event),
                        (metadata, error) -> {
                            if (error != null) {
                                failed.incrementAndGet();
                            }
                        });
            }
            due += owed;
            sent.addAndGet(owed);
            lastEventTime = eventTime;
        }
        producer.flush();
    }

    long maxLagMs() {
        return maxLagMs;
    }

    Instant lastEventTime() {
        return lastEventTime;
    }

    private WebEvent event(Instant ts) {
        int kind = random.nextInt(100);
        EventType type = kind < 60 ? EventType.page_view : kind < 90 ? EventType.add_to_cart : EventType.purchase;
        boolean purchase = type == EventType.purchase;
        Instant now = Instant.now();
        return WebEvent.newBuilder()
                .setId(sent.get())
                .setEventId(new UUID(random.nextLong(), random.nextLong()).toString())
                .setUserId("user-" + random.nextInt(users))
                .setProductId(1L + random.nextInt(5_000))
                .setEventType(type)
                .setPrice(purchase ? BigDecimal.valueOf(100 + random.nextInt(100_000), 2) : null)
                .setQuantity(purchase ? 1 + random.nextInt(4) : null)
                .setCurrency(purchase ? "EUR" : null)
                .setTs(ts)
                .setCountry("DE")
                .setDevice("web")
                .setCampaign(null)
                .setProductCategory("books")
                .setProductBrand("acme")
                .setOp("c")
                .setSourceLsn(sent.get())
                .setSourceTs(now)
                .setProcessingTs(now)
                .setWarnings(List.of())
                .build();
    }
}
