package io.medallion.silver.entity;

import io.medallion.common.topics.TopicNames;
import io.medallion.silver.pii.PiiKind;
import io.medallion.silver.pii.PiiTokenizer;
import io.medallion.silver.validate.Rule;
import io.medallion.silver.validate.RuleTable;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Everything silver knows about one source table: its silver contract and key, its rule table,
 * its personal-data columns and their tokens, the fields derived from columns, its references
 * to other entities and how its stream is deduplicated. Immutable; declared in {@link Entities}.
 *
 * @param <K> the silver key type ({@code String} for the clickstream, {@code Long} otherwise)
 * @param <V> the silver record class
 */
public final class Entity<K, V extends SpecificRecordBase> {

    private final String table;
    private final Class<K> keyType;
    private final Class<V> valueType;
    private final String keyField;
    private final Deduplication deduplication;
    private final String eventTimeColumn;
    private final RuleTable rules;
    private final Map<String, PiiKind> personalColumns;
    private final Map<String, Derivation> derivations;
    private final List<Reference<V, ?>> references;

    private Entity(Builder<K, V> b) {
        this.table = b.table;
        this.keyType = b.keyType;
        this.valueType = b.valueType;
        this.keyField = b.keyField;
        this.deduplication = b.deduplication;
        this.eventTimeColumn = b.eventTimeColumn;
        this.personalColumns = Map.copyOf(b.personalColumns);
        this.derivations = Map.copyOf(b.derivations);
        this.references = List.copyOf(b.references);
        this.rules = new RuleTable(table, b.sourceKey, personalColumns.keySet(), b.rules);
    }

    public static <K, V extends SpecificRecordBase> Builder<K, V> builder(String table, Class<K> keyType, Class<V> valueType) {
        return new Builder<>(table, keyType, valueType);
    }

    /** The source table, e.g. {@code web_events}; also the entity name. */
    public String table() {
        return table;
    }

    public String sourceTopic() {
        return TopicNames.cdcShop(table);
    }

    public String silverTopic() {
        return TopicNames.silver(table);
    }

    public Class<K> keyType() {
        return keyType;
    }

    public Class<V> valueType() {
        return valueType;
    }

    public Schema schema() {
        return SpecificData.get().getSchema(valueType);
    }

    /** The silver field that keys {@code silver.<table>}. */
    public String keyField() {
        return keyField;
    }

    public Deduplication deduplication() {
        return deduplication;
    }

    /** The row column holding event time, or null when event time is the source commit time. */
    public String eventTimeColumn() {
        return eventTimeColumn;
    }

    public RuleTable rules() {
        return rules;
    }

    /** Source columns holding personal data, with how each is tokenized. */
    public Map<String, PiiKind> personalColumns() {
        return personalColumns;
    }

    public boolean holdsPersonalData() {
        return !personalColumns.isEmpty();
    }

    /** Silver fields computed from the row rather than copied from a same-named column. */
    public Map<String, Derivation> derivations() {
        return derivations;
    }

    public List<Reference<V, ?>> references() {
        return references;
    }

    /** Silver fields set by reference enrichment, not by the mapper. */
    public Set<String> enrichedFields() {
        Set<String> fields = new LinkedHashSet<>();
        references.forEach(r -> fields.addAll(r.enrichedFields()));
        return fields;
    }

    @Override
    public String toString() {
        return "Entity[" + table + " -> " + valueType.getSimpleName() + "]";
    }

    /** Declares an entity; see {@link Entities} for the declarations. */
    public static final class Builder<K, V extends SpecificRecordBase> {

        private final String table;
        private final Class<K> keyType;
        private final Class<V> valueType;
        private final Set<String> sourceKey = new LinkedHashSet<>();
        private String keyField;
        private Deduplication deduplication = Deduplication.SOURCE_LSN;
        private String eventTimeColumn;
        private final List<Rule> rules = new ArrayList<>();
        private final Map<String, PiiKind> personalColumns = new LinkedHashMap<>();
        private final Map<String, Derivation> derivations = new LinkedHashMap<>();
        private final List<Reference<V, ?>> references = new ArrayList<>();

        private Builder(String table, Class<K> keyType, Class<V> valueType) {
            this.table = table;
            this.keyType = keyType;
            this.valueType = valueType;
        }

        /** The primary-key columns of the source table (the cdc key record's fields). */
        public Builder<K, V> sourceKey(String... columns) {
            sourceKey.addAll(Arrays.asList(columns));
            return this;
        }

        /** The silver field that keys the silver topic. */
        public Builder<K, V> key(String field) {
            this.keyField = field;
            return this;
        }

        public Builder<K, V> deduplicateBy(Deduplication deduplication) {
            this.deduplication = deduplication;
            return this;
        }

        /** Event time comes from this row column instead of the source commit time. */
        public Builder<K, V> eventTime(String column) {
            this.eventTimeColumn = column;
            return this;
        }

        public Builder<K, V> rules(Rule... rules) {
            this.rules.addAll(Arrays.asList(rules));
            return this;
        }

        /** A personal-data column, replaced in silver by its token in {@code tokenField}. */
        public Builder<K, V> tokenize(String column, PiiKind kind, String tokenField) {
            personalColumns.put(column, kind);
            return derive(tokenField, (row, tokenizer) -> tokenizer.token(kind, row.text(column)));
        }

        /** The readable domain of a (tokenized) e-mail column. */
        public Builder<K, V> emailDomain(String column, String domainField) {
            return derive(domainField, (row, tokenizer) -> PiiTokenizer.emailDomain(row.text(column)));
        }

        public Builder<K, V> derive(String field, Derivation derivation) {
            derivations.put(field, derivation);
            return this;
        }

        /** A foreign key checked against the live silver table of {@code table}, warning only. */
        public <R extends SpecificRecordBase> Builder<K, V> reference(String field, String table, Class<R> type) {
            return reference(field, table, type, (record, target) -> { }, List.of());
        }

        /** A foreign key that also copies fields of the target into the record. */
        public <R extends SpecificRecordBase> Builder<K, V> reference(String field, String table, Class<R> type,
                                                                      BiConsumer<V, R> enrichment, List<String> enrichedFields) {
            references.add(new Reference<>(field, table, type, enrichment, enrichedFields));
            return this;
        }

        public Entity<K, V> build() {
            if (keyField == null || sourceKey.isEmpty()) {
                throw new IllegalStateException(table + ": key and sourceKey are required");
            }
            return new Entity<>(this);
        }
    }
}
