package io.medallion.bench.fleet.source;

/**
 * One committed change of a captured row: table (without schema), primary key, LSN of the
 * change record, operation ({@code c}, {@code u}, {@code d}, as the change envelope spells it).
 */
public record SourceChange(String table, long key, long lsn, char op) {

    /** {@code 16/B374D848} as a 64-bit position. */
    public static long parseLsn(String lsn) {
        int slash = lsn.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not an LSN: '" + lsn + "'");
        }
        return (Long.parseLong(lsn.substring(0, slash), 16) << 32) | Long.parseLong(lsn.substring(slash + 1), 16);
    }
}
