package io.medallion.sink.parquet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medallion.sink.schema.Column;
import io.medallion.sink.schema.ColumnType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delta's per-file statistics for data skipping ({@code numRecords}, {@code minValues},
 * {@code maxValues}, {@code nullCount}), collected while the rows are written.
 *
 * <p>Min/max are kept for top-level scalar columns only, in Delta's JSON forms: dates as
 * {@code yyyy-MM-dd}, timestamps as ISO instants truncated to milliseconds (readers widen the
 * max by 1 ms, as for Spark's files), decimals as numbers. Strings keep a 32-character prefix
 * as min; a longer max is left out rather than truncated, since a prefix is not an upper
 * bound. Booleans and binaries carry only null counts, as in Spark; a NaN drops a float
 * column's min/max.
 */
final class FileStats {

    static final int STRING_PREFIX = 32;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(java.time.ZoneOffset.UTC);

    private final List<Column> columns;
    private final int[] positions;
    private final Comparable<?>[] min;
    private final Comparable<?>[] max;
    private final boolean[] rangeDisabled;
    private final long[] nulls;
    private long records;

    FileStats(List<Column> dataColumns, int[] positions) {
        this.columns = dataColumns;
        this.positions = positions;
        int n = dataColumns.size();
        this.min = new Comparable<?>[n];
        this.max = new Comparable<?>[n];
        this.rangeDisabled = new boolean[n];
        this.nulls = new long[n];
        for (int i = 0; i < n; i++) {
            ColumnType t = dataColumns.get(i).type();
            rangeDisabled[i] = !(t instanceof ColumnType.Decimal) && !(t instanceof ColumnType.Primitive p
                    && p != ColumnType.Primitive.BOOLEAN && p != ColumnType.Primitive.BINARY);
        }
    }

    void add(Object[] row) {
        records++;
        for (int i = 0; i < positions.length; i++) {
            int pos = positions[i];
            Object v = pos < row.length ? row[pos] : null;
            if (v == null) {
                nulls[i]++;
            } else if (!rangeDisabled[i]) {
                track(i, v);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void track(int i, Object v) {
        if ((v instanceof Double d && d.isNaN()) || (v instanceof Float f && f.isNaN())) {
            rangeDisabled[i] = true;
            min[i] = null;
            max[i] = null;
            return;
        }
        if (v instanceof String s) {
            if (min[i] == null || compareUtf8(s, (String) min[i]) < 0) {
                min[i] = s;
            }
            if (max[i] == null || compareUtf8(s, (String) max[i]) > 0) {
                max[i] = s;
            }
            return;
        }
        Comparable c = (Comparable) v;
        if (min[i] == null || c.compareTo(min[i]) < 0) {
            min[i] = c;
        }
        if (max[i] == null || c.compareTo(max[i]) > 0) {
            max[i] = c;
        }
    }

    long records() {
        return records;
    }

    /** The statistics as Delta's {@code stats} JSON text. */
    String toJson() {
        Map<String, Object> mins = new LinkedHashMap<>();
        Map<String, Object> maxs = new LinkedHashMap<>();
        Map<String, Object> nullCounts = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c.type() instanceof ColumnType.Struct) {
                continue;
            }
            nullCounts.put(c.name(), nulls[i]);
            if (rangeDisabled[i] || min[i] == null) {
                continue;
            }
            mins.put(c.name(), json(c.type(), min[i], false));
            Object mx = json(c.type(), max[i], true);
            if (mx != null) {
                maxs.put(c.name(), mx);
            }
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("numRecords", records);
        stats.put("minValues", mins);
        stats.put("maxValues", maxs);
        stats.put("nullCount", nullCounts);
        try {
            return JSON.writeValueAsString(stats);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render file statistics", e);
        }
    }

    private static Object json(ColumnType type, Object v, boolean isMax) {
        if (v instanceof String text) {
            if (text.codePointCount(0, text.length()) <= STRING_PREFIX) {
                return text;
            }
            return isMax ? null : text.substring(0, text.offsetByCodePoints(0, STRING_PREFIX));
        }
        if (type == ColumnType.Primitive.DATE) {
            return LocalDate.ofEpochDay((Integer) v).toString();
        }
        if (type == ColumnType.Primitive.TIMESTAMP) {
            Instant t = Instant.EPOCH.plus((Long) v, ChronoUnit.MICROS).truncatedTo(ChronoUnit.MILLIS);
            return MILLIS.format(t);
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        return v;
    }

    /**
     * Strings in UTF-8 byte order (code point order), which Parquet and Delta use. UTF-16 order
     * differs only where one string has a surrogate and the other a char above U+D7FF.
     */
    static int compareUtf8(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean xs = Character.isSurrogate(x);
                boolean ys = Character.isSurrogate(y);
                return xs == ys ? Character.compare(x, y) : (xs ? 1 : -1);
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
