package io.medallion.sink.mapping;

import io.medallion.sink.Envelopes;
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
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BronzeMapperTest {

    private static final Schema ORDERS = Envelopes.schema("orders",
            "{\"name\":\"order_id\",\"type\":\"long\"}",
            "{\"name\":\"status\",\"type\":[\"null\",\"string\"],\"default\":null}",
            "{\"name\":\"placed_at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}}");
    private static final BatchContext BATCH = new BatchContext("batch-1", 1_714_521_600_000_000L, 19844);

    private final BronzeMapper mapper = new BronzeMapper();

    private TableSchema table() {
        return new TableSchema(mapper.columns(ORDERS).stream().map(c -> Column.optional(c.name(), c.type())).toList(),
                mapper.partitionColumns());
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset) {
        return new ConsumerRecord<>("cdc.shop.orders", 2, offset, new byte[0], new byte[0]);
    }

    @Test
    void columns_are_the_row_then_the_metadata_partitioned_by_ingestion_date() {
        List<Column> columns = mapper.columns(ORDERS);

        assertThat(columns).extracting(Column::name).containsExactly("order_id", "status", "placed_at",
                "_op", "_source_lsn", "_source_tx_id", "_source_ts", "_kafka_topic", "_kafka_partition", "_kafka_offset",
                "_schema_id", "_record_hash", "_batch_id", "_ingestion_ts", "_ingestion_date");
        assertThat(columns.get(2).type()).isEqualTo(ColumnType.Primitive.TIMESTAMP);
        assertThat(mapper.partitionColumns()).containsExactly("_ingestion_date");
        assertThat(mapper.partitionValues(table(), BATCH)).containsEntry("_ingestion_date", "2024-05-01");
    }

    @Test
    void an_insert_maps_the_after_image_and_every_metadata_column() throws Exception {
        TableSchema table = table();
        GenericRecord change = Envelopes.change(ORDERS, "c", Map.of("order_id", 7L, "status", "NEW",
                "placed_at", 1_714_521_600_000_001L), 123_456L, 789L, 1_714_521_600_500L);

        RowProjector p = mapper.projector(ORDERS, table);
        Object[] row = p.project(change, record(41), 17, BATCH);

        Map<String, Object> byName = new java.util.HashMap<>();
        for (int i = 0; i < row.length; i++) {
            byName.put(table.columns().get(i).name(), row[i]);
        }
        assertThat(byName).containsEntry("order_id", 7L).containsEntry("status", "NEW")
                .containsEntry("placed_at", 1_714_521_600_000_001L).containsEntry("_op", "c")
                .containsEntry("_source_lsn", 123_456L).containsEntry("_source_tx_id", 789L)
                .containsEntry("_source_ts", 1_714_521_600_500_000L).containsEntry("_kafka_topic", "cdc.shop.orders")
                .containsEntry("_kafka_partition", 2).containsEntry("_kafka_offset", 41L).containsEntry("_schema_id", 17)
                .containsEntry("_batch_id", "batch-1").containsEntry("_ingestion_ts", 1_714_521_600_000_000L)
                .containsEntry("_ingestion_date", 19844);
        assertThat(byName.get("_record_hash")).isEqualTo(sha256Hex((GenericRecord) change.get("after")));
        assertThat(p.sourceTimeMillis(change, record(41))).isEqualTo(1_714_521_600_500L);
    }

    @Test
    void a_delete_maps_the_before_image() {
        GenericRecord delete = Envelopes.change(ORDERS, "d", Map.of("order_id", 9L, "placed_at", 1L), 1L, 1L, 1L);

        Object[] row = mapper.projector(ORDERS, table()).project(delete, record(0), 1, BATCH);

        assertThat(row[0]).isEqualTo(9L);
        assertThat(row[table().indexOf("_op")]).isEqualTo("d");
    }

    @Test
    void equal_rows_hash_equal_and_different_rows_differently() {
        RowProjector p = mapper.projector(ORDERS, table());
        int hash = table().indexOf("_record_hash");
        Object a = p.project(Envelopes.change(ORDERS, "c", Map.of("order_id", 1L, "placed_at", 1L), 1, 1, 1), record(0), 1, BATCH)[hash];
        Object b = p.project(Envelopes.change(ORDERS, "u", Map.of("order_id", 1L, "placed_at", 1L), 2, 2, 2), record(1), 1, BATCH)[hash];
        Object c = p.project(Envelopes.change(ORDERS, "c", Map.of("order_id", 2L, "placed_at", 1L), 1, 1, 1), record(2), 1, BATCH)[hash];

        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat((String) a).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void a_change_without_its_image_or_a_clashing_column_is_rejected() {
        GenericRecord broken = Envelopes.change(ORDERS, "c", Map.of("order_id", 1L, "placed_at", 1L), 1, 1, 1);
        broken.put("after", null);
        assertThatThrownBy(() -> mapper.projector(ORDERS, table()).project(broken, record(0), 1, BATCH))
                .hasMessageContaining("no after image");

        Schema clash = Envelopes.schema("bad", "{\"name\":\"_op\",\"type\":\"string\"}");
        assertThatThrownBy(() -> mapper.columns(clash)).isInstanceOf(UnmappableSchemaException.class).hasMessageContaining("_op");
    }

    private static String sha256Hex(GenericRecord row) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(row.getSchema()).write(row, enc);
        enc.flush();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
    }
}
