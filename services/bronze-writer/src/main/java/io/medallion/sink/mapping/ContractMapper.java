package io.medallion.sink.mapping;

import io.medallion.sink.schema.AvroSchemaMapper;
import io.medallion.sink.schema.AvroValueConverter;
import io.medallion.sink.schema.Column;
import io.medallion.sink.schema.TableSchema;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;

import java.time.Instant;
import java.util.List;

/**
 * Silver, gold and dead-letter rows: the Avro contract's columns as they are, unpartitioned.
 * Freshness is measured from the record's {@code _source_ts} (the source commit time silver
 * carries), else from the Kafka record timestamp.
 */
public final class ContractMapper implements LayerMapper {

    static final String SOURCE_TS = "_source_ts";

    @Override
    public List<Column> columns(Schema valueSchema) {
        return AvroSchemaMapper.columns(valueSchema);
    }

    @Override
    public List<String> partitionColumns() {
        return List.of();
    }

    @Override
    public RowProjector projector(Schema valueSchema, TableSchema table) {
        List<Schema.Field> fields = valueSchema.getFields();
        int[] targets = new int[fields.size()];
        AvroValueConverter[] converters = new AvroValueConverter[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            targets[i] = table.indexOf(fields.get(i).name());
            converters[i] = AvroValueConverter.forSchema(fields.get(i).schema());
        }
        int width = table.columns().size();
        Schema.Field sourceTs = valueSchema.getField(SOURCE_TS);
        int sourceTsPos = sourceTs == null ? -1 : sourceTs.pos();
        return new RowProjector() {
            @Override
            public Object[] project(GenericRecord value, ConsumerRecord<byte[], byte[]> record, int schemaId, BatchContext batch) {
                Object[] row = new Object[width];
                for (int i = 0; i < targets.length; i++) {
                    row[targets[i]] = converters[i].convert(value.get(i));
                }
                return row;
            }

            @Override
            public long sourceTimeMillis(GenericRecord value, ConsumerRecord<byte[], byte[]> record) {
                if (sourceTsPos >= 0) {
                    Object ts = value.get(sourceTsPos);
                    if (ts instanceof Long l) {
                        return l;
                    }
                    if (ts instanceof Instant i) {
                        return i.toEpochMilli();
                    }
                }
                return record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE ? -1 : record.timestamp();
            }
        };
    }
}
