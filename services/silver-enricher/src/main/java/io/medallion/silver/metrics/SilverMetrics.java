package io.medallion.silver.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metric catalogue of silver-enricher: every name and tag lives here. Counters count
 * processing attempts: under exactly-once a transaction that aborts and is retried counts its
 * records again, while the topics hold them once.
 */
public final class SilverMetrics {

    /** Records read, tag {@value #TOPIC}: each {@code cdc.shop.*} topic. */
    public static final String RECORDS_IN = "medallion.silver.records.in";
    /** Records written, tag {@value #TOPIC}: each {@code silver.*} topic including quarantine. */
    public static final String RECORDS_OUT = "medallion.silver.records.out";
    /** Records quarantined, tag {@value #ENTITY}. */
    public static final String QUARANTINED = "medallion.silver.quarantined";
    /** Duplicates dropped, tags {@value #ENTITY} and {@value #KEY} ({@code event_id} or {@code lsn}). */
    public static final String DEDUP_HITS = "medallion.silver.dedup.hits";
    /** Records dead-lettered, tag {@value #KIND} (deserialization, processing, production). */
    public static final String DEAD_LETTERS = "medallion.silver.dead.letters";
    /** Warnings attached to silver records (unknown references), tag {@value #ENTITY}. */
    public static final String WARNINGS = "medallion.silver.warnings";

    public static final String TOPIC = "topic";
    public static final String ENTITY = "entity";
    public static final String KEY = "key";
    public static final String KIND = "kind";

    private final MeterRegistry registry;
    /** The counters this catalogue created, by name then tag value: snapshots never search the registry. */
    private final Map<String, Map<String, Counter>> created = new ConcurrentHashMap<>();

    public SilverMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public Counter recordsIn(String topic) {
        return remember(RECORDS_IN, topic, Counter.builder(RECORDS_IN).tag(TOPIC, topic).description("Change records read"));
    }

    public Counter recordsOut(String topic) {
        return remember(RECORDS_OUT, topic, Counter.builder(RECORDS_OUT).tag(TOPIC, topic).description("Records written"));
    }

    public Counter quarantined(String entity) {
        return remember(QUARANTINED, entity, Counter.builder(QUARANTINED).tag(ENTITY, entity).description("Records that broke a rule"));
    }

    /** @param key what the duplicates were recognized by: {@code event_id} or {@code lsn} */
    public Counter dedupHits(String entity, String key) {
        return remember(DEDUP_HITS, entity, Counter.builder(DEDUP_HITS).tag(ENTITY, entity).tag(KEY, key).description("Duplicates dropped"));
    }

    public Counter deadLetters(String kind) {
        return remember(DEAD_LETTERS, kind, Counter.builder(DEAD_LETTERS).tag(KIND, kind).description("Records dead-lettered"));
    }

    public Counter warnings(String entity) {
        return remember(WARNINGS, entity, Counter.builder(WARNINGS).tag(ENTITY, entity).description("Warnings on silver records"));
    }

    private Counter remember(String name, String tagValue, Counter.Builder builder) {
        Counter counter = builder.register(registry);
        created.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).put(tagValue, counter);
        return counter;
    }

    /** The counters now, for the launcher's summary and for tests. */
    public SilverCounters snapshot() {
        return new SilverCounters(counts(RECORDS_IN), counts(RECORDS_OUT), counts(QUARANTINED),
                counts(DEDUP_HITS), counts(DEAD_LETTERS), counts(WARNINGS));
    }

    private Map<String, Long> counts(String name) {
        Map<String, Long> out = new TreeMap<>();
        created.getOrDefault(name, Map.of()).forEach((tag, counter) -> out.put(tag, (long) counter.count()));
        return out;
    }
}
