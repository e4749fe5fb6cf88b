package io.medallion.sink.mapping;

import io.medallion.sink.schema.Column;
import io.medallion.sink.schema.TableSchema;
import org.apache.avro.Schema;

import java.util.List;

/** How a layer's records become table rows. */
public interface LayerMapper {

    /**
     * Every table column a value schema implies, in table order (source columns plus any
     * metadata and partition columns).
     *
     * @throws io.medallion.sink.schema.UnmappableSchemaException when the schema has no table form
     */
    List<Column> columns(Schema valueSchema);

    List<String> partitionColumns();

    /** A projector for records of {@code valueSchema} into rows laid out as {@code table}. */
    RowProjector projector(Schema valueSchema, TableSchema table);

    /** Columns whose values are (nearly) all distinct, written without a Parquet dictionary. */
    default java.util.Set<String> distinctColumns() {
        return java.util.Set.of();
    }

    /** The text form of each partition column's value in a row of {@code table}. */
    default java.util.Map<String, String> partitionValues(TableSchema table, BatchContext batch) {
        return java.util.Map.of();
    }
}
