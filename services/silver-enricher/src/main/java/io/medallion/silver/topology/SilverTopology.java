package io.medallion.silver.topology;

import io.medallion.avro.silver.QuarantineKey;
import io.medallion.avro.silver.QuarantineRecord;
import io.medallion.avro.silver.WebEvent;
import io.medallion.silver.dedup.ChangeDeduplicator;
import io.medallion.silver.dedup.EventIdDeduplicator;
import io.medallion.silver.enrich.Lookups;
import io.medallion.silver.enrich.ReferenceResolver;
import io.medallion.silver.entity.ContractMapper;
import io.medallion.silver.entity.Deduplication;
import io.medallion.silver.entity.Entity;
import io.medallion.silver.metrics.SilverMetrics;
import io.medallion.silver.pii.PiiTokenizer;
import io.medallion.silver.quarantine.QuarantineRecords;
import io.medallion.silver.source.ChangeEvent;
import io.medallion.silver.source.EventTimeExtractor;
import io.micrometer.core.instrument.Counter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The silver-enricher topology, free of any framework. Per captured table:
 *
 * <pre>
 * cdc.shop.T ─► count-in ─► [dedup-by-lsn] ─► validate ─┬─ valid ─► to-silver ─► [by-event-id ─► dedup-by-event-id]
 *                                                        │                        ─► references ─► count-out ─► silver.T
 *                                                        └─ invalid ─► quarantine-record ─► count-quarantined ─► silver.quarantine
 * </pre>
 *
 * Change tables are deduplicated by LSN before validation (a redelivery is dropped whatever its
 * verdict); the clickstream is repartitioned by event id after validation and deduplicated
 * there. References read global lookup stores built from the {@code silver.*} topics of the
 * referenced entities (tokenized data only). Every node, store and internal topic is named.
 */
public final class SilverTopology {

    private final SilverTopics topics;
    private final Duration dedupRetention;
    private final PiiTokenizer tokenizer;
    private final SilverMetrics metrics;
    private final Clock clock;
    private final StreamsBuilder builder = new StreamsBuilder();

    private SilverTopology(SilverTopics topics, Duration dedupRetention, PiiTokenizer tokenizer, SilverMetrics metrics, Clock clock) {
        this.topics = topics;
        this.dedupRetention = dedupRetention;
        this.tokenizer = tokenizer;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param topics the topic catalogue (and its entities)
     * @param dedupRetention event-time retention of clickstream event ids
     * @param tokenizer the PII tokenizer
     * @param metrics where the counters go
     * @param clock stamps {@code _processing_ts}
     */
    public static Topology build(SilverTopics topics, Duration dedupRetention, PiiTokenizer tokenizer,
                                 SilverMetrics metrics, Clock clock) {
        SilverTopology t = new SilverTopology(topics, dedupRetention, tokenizer, metrics, clock);
        Set<String> lookups = new LinkedHashSet<>();
        for (Entity<?, ?> entity : topics.entities().all()) {
            entity.references().forEach(r -> lookups.add(r.table()));
        }
        for (String table : lookups) {
            t.addLookup(topics.entities().get(table));
        }
        for (Entity<?, ?> entity : topics.entities().all()) {
            if (entity == topics.entities().clickstream()) {
                t.addEntity(topics.entities().clickstream(), t::deduplicateByEventId);
            } else {
                t.addChangeEntity(entity);
            }
        }
        return t.builder.build();
    }

    /** A global table of the live {@code silver.<table>} records by id, for references. */
    private <K, V extends SpecificRecordBase> void addLookup(Entity<K, V> entity) {
        Topic<K, V> topic = topics.silver(entity);
        builder.globalTable(topic.name(),
                Consumed.with(topic.keySerde(), topic.valueSerde()).withName(Lookups.sourceName(entity.table())),
                Materialized.<K, V, KeyValueStore<Bytes, byte[]>>as(Lookups.storeName(entity.table()))
                        .withKeySerde(topic.keySerde()).withValueSerde(topic.valueSerde()));
    }

    private <K, V extends SpecificRecordBase> void addChangeEntity(Entity<K, V> entity) {
        addEntity(entity, UnaryOperator.identity());
    }

    /**
     * @param afterMapping deduplication of the mapped silver records (clickstream only)
     */
    private <K, V extends SpecificRecordBase> void addEntity(Entity<K, V> entity, UnaryOperator<KStream<K, V>> afterMapping) {
        String t = entity.table();
        Topic<GenericRecord, ChangeEvent> source = topics.source(entity);
        Counter in = metrics.recordsIn(source.name());

        KStream<GenericRecord, ChangeEvent> changes = builder
                .stream(source.name(), Consumed.with(source.keySerde(), source.valueSerde())
                        .withName(t + "-source")
                        .withTimestampExtractor(entity.eventTimeColumn() == null
                                ? EventTimeExtractor.commitTime() : EventTimeExtractor.column(entity.eventTimeColumn())))
                .peek((k, v) -> in.increment(), Named.as(t + "-count-in"));
        if (entity.deduplication() == Deduplication.SOURCE_LSN) {
            changes = deduplicateByLsn(entity, changes);
        }
        Map<String, KStream<GenericRecord, Checked>> verdicts = changes
                .mapValues(event -> Checked.of(event, entity), Named.as(t + "-validate"))
                .split(Named.as(t + "-"))
                .branch((k, checked) -> checked.isValid(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));

        Topic<K, V> silver = topics.silver(entity);
        ContractMapper<K, V> mapper = new ContractMapper<>(entity);
        KStream<K, V> valid = verdicts.get(t + "-valid").map((k, checked) -> {
            V record = mapper.map(checked.row(), clock.instant(), tokenizer);
            return KeyValue.pair(mapper.key(record), record);
        }, Named.as(t + "-to-silver"));
        valid = afterMapping.apply(valid);
        if (!entity.references().isEmpty()) {
            Counter warnings = metrics.warnings(t);
            valid = valid.processValues(() -> new ReferenceResolver<>(entity, warnings), Named.as(t + "-references"));
        }
        Counter out = metrics.recordsOut(silver.name());
        valid.peek((k, v) -> out.increment(), Named.as(t + "-count-out"))
                .to(silver.name(), Produced.with(silver.keySerde(), silver.valueSerde()).withName(t + "-to-" + silver.name()));

        Topic<QuarantineKey, QuarantineRecord> quarantine = topics.quarantine();
        Counter quarantined = metrics.quarantined(t);
        Counter quarantineOut = metrics.recordsOut(quarantine.name());
        QuarantineRecords quarantineRecords = new QuarantineRecords(entity, tokenizer);
        verdicts.get(t + "-invalid")
                .process(() -> new ToQuarantine(quarantineRecords, clock), Named.as(t + "-quarantine-record"))
                .peek((k, v) -> {
                    quarantined.increment();
                    quarantineOut.increment();
                }, Named.as(t + "-count-quarantined"))
                .to(quarantine.name(), Produced.with(quarantine.keySerde(), quarantine.valueSerde())
                        .withName(t + "-to-" + quarantine.name()));
    }

    private KStream<GenericRecord, ChangeEvent> deduplicateByLsn(Entity<?, ?> entity, KStream<GenericRecord, ChangeEvent> changes) {
        String store = entity.table() + "-last-lsn-by-key";
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.Long()));
        Counter hits = metrics.dedupHits(entity.table(), "lsn");
        return changes.processValues(() -> new ChangeDeduplicator(store, hits), Named.as(entity.table() + "-dedup-by-lsn"), store);
    }

    private KStream<String, WebEvent> deduplicateByEventId(KStream<String, WebEvent> valid) {
        Entity<String, WebEvent> entity = topics.entities().clickstream();
        Topic<String, WebEvent> silver = topics.silver(entity);
        String store = entity.table() + "-seen-event-ids";
        builder.addStateStore(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(store, dedupRetention, dedupRetention, false), Serdes.String(), Serdes.Long())
                .withCachingDisabled());
        Counter hits = metrics.dedupHits(entity.table(), "event_id");
        return valid
                .repartition(Repartitioned.with(silver.keySerde(), silver.valueSerde()).withName(entity.table() + "-by-event-id"))
                .processValues(() -> new EventIdDeduplicator(store, dedupRetention, hits),
                        Named.as(entity.table() + "-dedup-by-event-id"), store);
    }
}
