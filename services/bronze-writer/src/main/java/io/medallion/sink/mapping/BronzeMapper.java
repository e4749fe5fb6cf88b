package io.medallion.sink.mapping;

import io.medallion.sink.schema.AvroSchemaMapper;
import io.medallion.sink.schema.AvroValueConverter;
import io.medallion.sink.schema.Column;
import io.medallion.sink.schema.ColumnType;
import io.medallion.sink.schema.TableSchema;
import io.medallion.sink.schema.UnmappableSchemaException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Bronze rows from the change envelope (docs/cdc-envelope.md): the row image's columns (after
 * image; before image for deletes) followed by the metadata columns, partitioned by
 * {@code _ingestion_date}. {@code _record_hash} is the hex SHA-256 of the row image's Avro
 * binary encoding under its writer schema; {@code _ingestion_ts} is when the batch opened, so
 * a batch is one partition and one file.
 */
public final class BronzeMapper implements LayerMapper {

    public static final String OP = "_op";
    public static final String SOURCE_LSN = "_source_lsn";
    public static final String SOURCE_TX_ID = "_source_tx_id";
    public static final String SOURCE_TS = "_source_ts";
    public static final String KAFKA_TOPIC = "_kafka_topic";
    public static final String KAFKA_PARTITION = "_kafka_partition";
    public static final String KAFKA_OFFSET = "_kafka_offset";
    public static final String SCHEMA_ID = "_schema_id";
    public static final String RECORD_HASH = "_record_hash";
    public static final String BATCH_ID = "_batch_id";
    public static final String INGESTION_TS = "_ingestion_ts";
    public static final String INGESTION_DATE = "_ingestion_date";

    /** Metadata columns in table order, the partition column last. */
    public static final List<Column> METADATA = List.of(
            Column.required(OP, ColumnType.Primitive.STRING),
            Column.required(SOURCE_LSN, ColumnType.Primitive.LONG),
            Column.required(SOURCE_TX_ID, ColumnType.Primitive.LONG),
            Column.required(SOURCE_TS, ColumnType.Primitive.TIMESTAMP),
            Column.required(KAFKA_TOPIC, ColumnType.Primitive.STRING),
            Column.required(KAFKA_PARTITION, ColumnType.Primitive.INT),
            Column.required(KAFKA_OFFSET, ColumnType.Primitive.LONG),
            Column.required(SCHEMA_ID, ColumnType.Primitive.INT),
            Column.required(RECORD_HASH, ColumnType.Primitive.STRING),
            Column.required(BATCH_ID, ColumnType.Primitive.STRING),
            Column.required(INGESTION_TS, ColumnType.Primitive.TIMESTAMP),
            Column.required(INGESTION_DATE, ColumnType.Primitive.DATE));

    @Override
    public List<Column> columns(Schema envelope) {
        Schema value = rowSchema(envelope);
        List<Column> out = new ArrayList<>(AvroSchemaMapper.columns(value));
        for (Column c : out) {
            if (METADATA.stream().anyMatch(m -> m.name().equals(c.name()))) {
                throw new UnmappableSchemaException("source column '" + c.name() + "' clashes with a bronze metadata column");
            }
        }
        out.addAll(METADATA);
        return out;
    }

    @Override
    public List<String> partitionColumns() {
        return List.of(INGESTION_DATE);
    }

    @Override
    public java.util.Set<String> distinctColumns() {
        return java.util.Set.of(RECORD_HASH, KAFKA_OFFSET, SOURCE_LSN);
    }

    @Override
    public Map<String, String> partitionValues(TableSchema table, BatchContext batch) {
        return Map.of(INGESTION_DATE, LocalDate.ofEpochDay(batch.ingestionDate()).toString());
    }

    @Override
    public RowProjector projector(Schema envelope, TableSchema table) {
        return new Projector(envelope, table);
    }

    /** The row record of an envelope: the non-null branch of {@code after} (or {@code before}). */
    static Schema rowSchema(Schema envelope) {
        if (envelope.getType() != Schema.Type.RECORD) {
            throw new UnmappableSchemaException("a change envelope is a record, got " + envelope.getType());
        }
        for (String name : List.of("after", "before")) {
            Schema.Field f = envelope.getField(name);
            if (f != null && nonNull(f.schema()).getType() == Schema.Type.RECORD) {
                return nonNull(f.schema());
            }
        }
        throw new UnmappableSchemaException("not a change envelope: no record field 'after' or 'before' in " + envelope.getFullName());
    }

    private static Schema nonNull(Schema s) {
        return s.getType() == Schema.Type.UNION
                ? s.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).findFirst().orElseThrow()
                : s;
    }

    private static int requiredField(Schema record, String name) {
        Schema.Field f = record.getField(name);
        if (f == null) {
            throw new UnmappableSchemaException("change envelope " + record.getFullName() + " has no field '" + name + "'");
        }
        return f.pos();
    }

    private static int optionalField(Schema record, String name) {
        Schema.Field f = record.getField(name);
        return f == null ? -1 : f.pos();
    }

    private static final class Projector implements RowProjector {
        private final int width;
        private final int beforePos;
        private final int afterPos;
        private final int opPos;
        private final int sourcePos;
        private final int lsnPos;
        private final int txIdPos;
        private final int tsPos;
        private final int[] targets;
        private final AvroValueConverter[] converters;
        private final int[] meta;
        private final GenericDatumWriter<GenericRecord> rowWriter;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        private final MessageDigest sha256;
        private BinaryEncoder encoder;

        Projector(Schema envelope, TableSchema table) {
            Schema row = rowSchema(envelope);
            this.width = table.columns().size();
            this.beforePos = optionalField(envelope, "before");
            this.afterPos = optionalField(envelope, "after");
            this.opPos = requiredField(envelope, "op");
            this.sourcePos = requiredField(envelope, "source");
            Schema source = nonNull(envelope.getFields().get(sourcePos).schema());
            this.lsnPos = optionalField(source, "lsn");
            this.txIdPos = optionalField(source, "tx_id");
            this.tsPos = requiredField(source, "ts_ms");
            List<Schema.Field> fields = row.getFields();
            this.targets = new int[fields.size()];
            this.converters = new AvroValueConverter[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                targets[i] = table.indexOf(fields.get(i).name());
                converters[i] = AvroValueConverter.forSchema(fields.get(i).schema());
            }
            this.meta = METADATA.stream().mapToInt(c -> table.indexOf(c.name())).toArray();
            this.rowWriter = new GenericDatumWriter<>(row);
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JRE", e);
            }
        }

        @Override
        public Object[] project(GenericRecord envelope, ConsumerRecord<byte[], byte[]> record, int schemaId, BatchContext batch) {
            String op = String.valueOf(envelope.get(opPos));
            GenericRecord image = (GenericRecord) ("d".equals(op)
                    ? (beforePos < 0 ? null : envelope.get(beforePos))
                    : (afterPos < 0 ? null : envelope.get(afterPos)));
            if (image == null) {
                throw new IllegalArgumentException("change with op '" + op + "' has no "
                        + ("d".equals(op) ? "before" : "after") + " image");
            }
            GenericRecord source = (GenericRecord) envelope.get(sourcePos);
            Object[] row = new Object[width];
            for (int i = 0; i < targets.length; i++) {
                row[targets[i]] = converters[i].convert(image.get(i));
            }
            int m = 0;
            row[meta[m++]] = op;
            row[meta[m++]] = lsnPos < 0 ? null : source.get(lsnPos);
            row[meta[m++]] = txIdPos < 0 ? null : source.get(txIdPos);
            row[meta[m++]] = Math.multiplyExact((Long) source.get(tsPos), 1000L);
            row[meta[m++]] = record.topic();
            row[meta[m++]] = record.partition();
            row[meta[m++]] = record.offset();
            row[meta[m++]] = schemaId;
            row[meta[m++]] = hash(image);
            row[meta[m++]] = batch.batchId();
            row[meta[m++]] = batch.ingestionMicros();
            row[meta[m]] = batch.ingestionDate();
            return row;
        }

        @Override
        public long sourceTimeMillis(GenericRecord envelope, ConsumerRecord<byte[], byte[]> record) {
            return (Long) ((GenericRecord) envelope.get(sourcePos)).get(tsPos);
        }

        private String hash(GenericRecord image) {
            buffer.reset();
            encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
            try {
                rowWriter.write(image, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // toByteArray copies; hashing the internal buffer would need a subclass for little gain.
            return HexFormat.of().formatHex(sha256.digest(buffer.toByteArray()));
        }
    }
}
