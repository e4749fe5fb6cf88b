package io.medallion.silver.topology;

import io.medallion.avro.common.DeadLetter;
import io.medallion.avro.silver.QuarantineKey;
import io.medallion.avro.silver.QuarantineRecord;
import io.medallion.common.topics.TopicNames;
import io.medallion.silver.entity.Entities;
import io.medallion.silver.entity.Entity;
import io.medallion.silver.source.ChangeEvent;
import io.medallion.silver.source.ChangeEventSerde;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serde;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The topic catalogue of silver-enricher: every topic it reads or writes, with its serdes.
 * Immutable once built. Topic names come from {@link TopicNames}.
 */
public final class SilverTopics {

    private final Entities entities;
    private final Map<String, Topic<GenericRecord, ChangeEvent>> sources;
    private final Map<String, Topic<?, ?>> silver;
    private final Topic<QuarantineKey, QuarantineRecord> quarantine;
    private final Topic<String, DeadLetter> deadLetters;

    private SilverTopics(Entities entities, Map<String, Topic<GenericRecord, ChangeEvent>> sources, Map<String, Topic<?, ?>> silver,
                         Topic<QuarantineKey, QuarantineRecord> quarantine, Topic<String, DeadLetter> deadLetters) {
        this.entities = entities;
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        this.silver = Collections.unmodifiableMap(new LinkedHashMap<>(silver));
        this.quarantine = quarantine;
        this.deadLetters = deadLetters;
    }

    /** The catalogue for every entity, with serdes from {@code serdes}. */
    public static SilverTopics create(Entities entities, AvroSerdeFactory serdes) {
        Serde<GenericRecord> cdcKeys = serdes.generic(true);
        Map<String, Topic<GenericRecord, ChangeEvent>> sources = new LinkedHashMap<>();
        Map<String, Topic<?, ?>> silver = new LinkedHashMap<>();
        for (Entity<?, ?> entity : entities.all()) {
            ChangeEventSerde values = new ChangeEventSerde(serdes.generic(false).deserializer());
            sources.put(entity.table(), new Topic<>(entity.sourceTopic(), cdcKeys, values));
            silver.put(entity.table(), silverTopic(entity, serdes));
        }
        return new SilverTopics(entities, sources, silver,
                new Topic<>(TopicNames.SILVER_QUARANTINE, serdes.specific(QuarantineKey.class, true),
                        serdes.specific(QuarantineRecord.class, false)),
                new Topic<>(TopicNames.SILVER_DEAD_LETTERS, serdes.primitive(String.class, true),
                        serdes.specific(DeadLetter.class, false)));
    }

    private static <K, V extends SpecificRecordBase> Topic<K, V> silverTopic(Entity<K, V> entity, AvroSerdeFactory serdes) {
        return new Topic<>(entity.silverTopic(), serdes.primitive(entity.keyType(), true), serdes.specific(entity.valueType(), false));
    }

    /** The entities whose topics these are. */
    public Entities entities() {
        return entities;
    }

    /** {@code cdc.shop.<table>}: cdc key records and change envelopes. */
    public Topic<GenericRecord, ChangeEvent> source(Entity<?, ?> entity) {
        return require(sources.get(entity.table()), entity);
    }

    /** {@code silver.<table>}, typed as the entity declares it. */
    @SuppressWarnings("unchecked")
    public <K, V extends SpecificRecordBase> Topic<K, V> silver(Entity<K, V> entity) {
        // Safe: create() built this topic from the same entity's key and value types.
        return (Topic<K, V>) require(silver.get(entity.table()), entity);
    }

    public Topic<QuarantineKey, QuarantineRecord> quarantine() {
        return quarantine;
    }

    public Topic<String, DeadLetter> deadLetters() {
        return deadLetters;
    }

    /** Every topic name, sources first: what must exist before the service starts. */
    public List<String> allNames() {
        List<String> names = new ArrayList<>();
        sources.values().forEach(t -> names.add(t.name()));
        silver.values().forEach(t -> names.add(t.name()));
        names.add(quarantine.name());
        names.add(deadLetters.name());
        return names;
    }

    private static <T> T require(T topic, Entity<?, ?> entity) {
        if (topic == null) {
            throw new IllegalArgumentException("no topic for " + entity);
        }
        return topic;
    }
}
