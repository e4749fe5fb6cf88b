package io.medallion.capture.wal;

import java.util.Map;

/**
 * The position Debezium's PostgreSQL connector stored for this capture (its source offset map).
 *
 * @param lsn       {@code lsn}: position of the last change handed over
 * @param lsnProc   {@code lsn_proc}: last completely processed position, may be null
 * @param lsnCommit {@code lsn_commit}: commit position of the last completely processed transaction, may be null
 */
public record StoredOffset(Long lsn, Long lsnProc, Long lsnCommit) {

    /** Reads the connector's offset map ({@code lsn}, {@code lsn_proc}, {@code lsn_commit} as numbers). */
    public static StoredOffset fromOffsetMap(Map<String, ?> offset) {
        return new StoredOffset(number(offset.get("lsn")), number(offset.get("lsn_proc")), number(offset.get("lsn_commit")));
    }

    /**
     * The position the connector resumes from, and so the highest position the slot may have
     * confirmed without changes being skipped. Mirrors what the connector flushes to the slot:
     * the last commit position when known, else the last processed position.
     */
    public Long resumeLsn() {
        if (lsnCommit != null) {
            return lsnCommit;
        }
        return lsnProc != null ? lsnProc : lsn;
    }

    private static Long number(Object v) {
        return v instanceof Number n ? n.longValue() : null;
    }
}
