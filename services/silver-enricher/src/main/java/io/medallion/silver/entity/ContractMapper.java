package io.medallion.silver.entity;

import io.medallion.silver.pii.PiiTokenizer;
import io.medallion.silver.source.ColumnTypeException;
import io.medallion.silver.source.Row;
import io.medallion.silver.validate.RowContext;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a validated row into its silver record, driven by the silver contract: each field is
 * a lineage column ({@code _op}, {@code _source_lsn}, ...), a declared derivation (tokens,
 * parsed text ids), an enrichment field (left null for the reference step), or else the
 * same-named source column converted to the field's type. The plan is built once per entity,
 * so an unsupported contract type fails at start-up, not on the first record.
 */
public final class ContractMapper<K, V extends SpecificRecordBase> {

    private final Entity<K, V> entity;
    private final Constructor<V> constructor;
    private final FieldWriter[] writers;
    private final boolean[] required;
    private final String[] names;
    private final int keyPos;

    public ContractMapper(Entity<K, V> entity) {
        this.entity = entity;
        Schema schema = entity.schema();
        List<Schema.Field> fields = schema.getFields();
        this.writers = new FieldWriter[fields.size()];
        this.required = new boolean[fields.size()];
        this.names = new String[fields.size()];
        Set<String> enriched = entity.enrichedFields();
        for (Schema.Field field : fields) {
            int pos = field.pos();
            names[pos] = field.name();
            required[pos] = !isNullable(field.schema());
            if (enriched.contains(field.name())) {
                writers[pos] = null;
            } else if (field.name().startsWith("_")) {
                writers[pos] = lineage(field.name());
            } else if (entity.derivations().containsKey(field.name())) {
                Derivation d = entity.derivations().get(field.name());
                writers[pos] = (in, at, tokenizer) -> d.derive(in.row(), tokenizer);
            } else {
                writers[pos] = column(field.name(), valueSchema(field.schema()));
            }
        }
        Schema.Field key = schema.getField(entity.keyField());
        if (key == null) {
            throw new IllegalArgumentException(entity + ": key field " + entity.keyField() + " is not in the contract");
        }
        this.keyPos = key.pos();
        try {
            this.constructor = entity.valueType().getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(entity + ": " + entity.valueType() + " has no public no-arg constructor", e);
        }
    }

    /**
     * The silver record of a valid row.
     *
     * @throws MappingException when the row cannot fill the contract
     */
    public V map(RowContext in, Instant processedAt, PiiTokenizer tokenizer) {
        V record = newRecord();
        for (int pos = 0; pos < writers.length; pos++) {
            Object value;
            try {
                value = writers[pos] == null ? null : writers[pos].value(in, processedAt, tokenizer);
            } catch (ColumnTypeException e) {
                throw new MappingException(entity.table() + "." + e.getMessage(), e);
            } catch (ArithmeticException e) {
                throw new MappingException(entity.table() + "." + names[pos] + ": " + e.getMessage(), e);
            }
            if (value == null && required[pos] && writers[pos] != null) {
                throw new MappingException(entity.table() + "." + names[pos] + ": no value for a required contract field");
            }
            record.put(pos, value);
        }
        return record;
    }

    /** The silver key of a mapped record. */
    public K key(V record) {
        return entity.keyType().cast(record.get(keyPos));
    }

    private V newRecord() {
        try {
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + entity.valueType(), e);
        }
    }

    @FunctionalInterface
    private interface FieldWriter {
        Object value(RowContext in, Instant processedAt, PiiTokenizer tokenizer);
    }

    private FieldWriter lineage(String name) {
        return switch (name) {
            case "_op" -> (in, at, t) -> in.op().code();
            case "_source_lsn" -> (in, at, t) -> in.lsn();
            case "_source_ts" -> (in, at, t) -> Instant.ofEpochMilli(in.committedAtMs());
            case "_processing_ts" -> (in, at, t) -> at;
            case "_warnings" -> (in, at, t) -> new ArrayList<String>(0);
            default -> throw new IllegalArgumentException(entity + ": unknown lineage field " + name);
        };
    }

    private FieldWriter column(String name, Schema type) {
        LogicalType logical = type.getLogicalType();
        return switch (type.getType()) {
            case LONG -> logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.TimestampMillis
                    ? (in, at, t) -> in.row().timestamp(name)
                    : (in, at, t) -> in.row().longValue(name);
            case INT -> {
                requireNoLogicalType(name, logical);
                yield (in, at, t) -> in.row().intValue(name);
            }
            case STRING -> (in, at, t) -> in.row().text(name);
            case BOOLEAN -> (in, at, t) -> in.row().bool(name);
            case ENUM -> enumColumn(name, type);
            case BYTES -> {
                if (!(logical instanceof LogicalTypes.Decimal decimal)) {
                    throw new IllegalArgumentException(entity + ": field " + name + " is bytes without a decimal logical type");
                }
                int scale = decimal.getScale();
                yield (in, at, t) -> {
                    BigDecimal d = in.row().decimal(name);
                    return d == null ? null : d.setScale(scale, RoundingMode.UNNECESSARY);
                };
            }
            default -> throw new IllegalArgumentException(entity + ": field " + name + " has unsupported type " + type);
        };
    }

    private FieldWriter enumColumn(String name, Schema type) {
        Class<?> enumClass = SpecificData.get().getClass(type);
        Map<String, Object> bySymbol = new HashMap<>();
        for (Object constant : enumClass.getEnumConstants()) {
            bySymbol.put(((Enum<?>) constant).name(), constant);
        }
        return (in, at, t) -> {
            String symbol = in.row().text(name);
            if (symbol == null) {
                return null;
            }
            Object constant = bySymbol.get(symbol);
            if (constant == null) {
                throw new MappingException(entity.table() + "." + name + ": not a symbol of " + type.getName());
            }
            return constant;
        };
    }

    private void requireNoLogicalType(String name, LogicalType logical) {
        if (logical != null) {
            throw new IllegalArgumentException(entity + ": field " + name + " has unsupported logical type " + logical.getName());
        }
    }

    private static boolean isNullable(Schema schema) {
        return schema.getType() == Schema.Type.UNION
                && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
    }

    private static Schema valueSchema(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }
}
