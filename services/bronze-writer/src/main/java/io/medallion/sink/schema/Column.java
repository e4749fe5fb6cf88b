package io.medallion.sink.schema;

/**
 * One column. Table columns are always nullable in Delta (a removed source field or an older
 * row image leaves them null); {@code optional} records whether the <em>source</em> field may be
 * absent or null, which decides whether it may be added to an existing table.
 */
public record Column(String name, ColumnType type, boolean optional) {

    public Column {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("column name is blank");
        }
    }

    public static Column required(String name, ColumnType type) {
        return new Column(name, type, false);
    }

    public static Column optional(String name, ColumnType type) {
        return new Column(name, type, true);
    }
}
