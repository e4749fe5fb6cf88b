package io.medallion.silver.source;

/**
 * A column holds a value of a type its reader cannot interpret (schema drift in the source, or
 * text that is not the number it should be). The message names the column and the types, never
 * the value, so it is safe to log and to dead-letter even for personal data.
 */
public final class ColumnTypeException extends IllegalArgumentException {

    public ColumnTypeException(String column, String expected, Object actual) {
        super(column + ": expected " + expected + ", got " + (actual == null ? "null" : actual.getClass().getSimpleName()));
    }

    public ColumnTypeException(String column, String expected, Throwable cause) {
        super(column + ": expected " + expected, cause);
    }
}
