package io.medallion.sink.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A table's columns in order, and which of them partition it. Partition columns are part of the
 * schema (Delta's convention) but are not stored in the data files: their value lives in the
 * file's path and log entry.
 */
public record TableSchema(List<Column> columns, List<String> partitionColumns) {

    public TableSchema {
        columns = List.copyOf(columns);
        partitionColumns = List.copyOf(partitionColumns);
        Set<String> seen = new HashSet<>();
        for (Column c : columns) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("duplicate column '" + c.name() + "'");
            }
        }
        for (String p : partitionColumns) {
            if (!seen.contains(p)) {
                throw new IllegalArgumentException("partition column '" + p + "' is not a column");
            }
        }
    }

    public static TableSchema unpartitioned(List<Column> columns) {
        return new TableSchema(columns, List.of());
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The columns written into data files: every column except the partition columns. */
    public List<Column> dataColumns() {
        return columns.stream().filter(c -> !partitionColumns.contains(c.name())).toList();
    }

    /** Positions in a full row of each {@link #dataColumns()} entry. */
    public int[] dataColumnPositions() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!partitionColumns.contains(columns.get(i).name())) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** This schema with more columns at the end. */
    public TableSchema plus(List<Column> more) {
        List<Column> all = new ArrayList<>(columns);
        all.addAll(more);
        return new TableSchema(all, partitionColumns);
    }

    Map<String, Column> byName() {
        Map<String, Column> out = new HashMap<>();
        columns.forEach(c -> out.put(c.name(), c));
        return out;
    }
}
