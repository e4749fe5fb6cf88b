package io.medallion.gold.topology;

import io.medallion.avro.common.DeadLetter;
import io.medallion.avro.gold.Kpi1m;
import io.medallion.avro.gold.LateEvent;
import io.medallion.avro.silver.WebEvent;

import java.util.List;

/**
 * gold-kpi's topics with their serdes: what it reads (silver clickstream, capture heartbeats)
 * and what it writes (KPIs, late events, dead letters).
 *
 * @param heartbeats  keys are not read (kept raw); values decode to the heartbeat's {@code ts_ms}
 * @param deadLetters keyed by the failing record's source topic
 */
public record GoldTopics(
        Topic<String, WebEvent> webEvents,
        Topic<byte[], Long> heartbeats,
        Topic<Long, Kpi1m> kpi1m,
        Topic<String, LateEvent> lateEvents,
        Topic<String, DeadLetter> deadLetters) implements AutoCloseable {

    /** Closes every serde (and the registry clients they hold). */
    @Override
    public void close() {
        for (Topic<?, ?> topic : List.of(webEvents, heartbeats, kpi1m, lateEvents, deadLetters)) {
            topic.keySerde().close();
            topic.valueSerde().close();
        }
    }
}
