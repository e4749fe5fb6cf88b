package io.medallion.testkit.delta;

import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.List;
import java.util.Map;

/**
 * A Delta table as Delta Kernel reads it at one version: its schema, partition columns and
 * every live row (deletion vectors and removed files already applied). Row values are plain
 * Java values (see {@link KernelValues}); every row's map holds every column, a SQL null as
 * {@code null}.
 */
public record DeltaTableSnapshot(long version, StructType schema, List<String> partitionColumns,
                                 List<Map<String, Object>> rows) {

    public DeltaTableSnapshot {
        partitionColumns = List.copyOf(partitionColumns);
        rows = List.copyOf(rows);
    }

    /** Column names in table order. */
    public List<String> columnNames() {
        return schema.fields().stream().map(StructField::getName).toList();
    }

    /** The Kernel type of a top-level column. */
    public DataType columnType(String column) {
        return schema.get(column).getDataType();
    }

    public int rowCount() {
        return rows.size();
    }
}
