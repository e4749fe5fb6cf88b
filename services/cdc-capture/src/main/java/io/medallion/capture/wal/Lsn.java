package io.medallion.capture.wal;

/**
 * PostgreSQL log sequence numbers: the text form {@code 16/B374D848} (two hex halves) and the
 * 64-bit number Debezium stores in its offsets and in {@code source.lsn}.
 */
public final class Lsn {

    private Lsn() {
    }

    public static long parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("not an LSN: '" + text + "'");
        }
        long high = Long.parseLong(text.substring(0, slash), 16);
        long low = Long.parseLong(text.substring(slash + 1), 16);
        if (high > 0xFFFF_FFFFL || low > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not an LSN: '" + text + "'");
        }
        return (high << 32) | low;
    }

    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFF_FFFFL).toUpperCase();
    }
}
