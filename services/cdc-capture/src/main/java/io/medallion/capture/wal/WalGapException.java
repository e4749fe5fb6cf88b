package io.medallion.capture.wal;

/**
 * The replication slot cannot deliver every change after the stored offsets: starting would
 * silently lose changes (or re-snapshot). Not retriable: an operator must decide (see README,
 * "Recovering from a WAL gap").
 */
public final class WalGapException extends RuntimeException {

    public WalGapException(String message) {
        super(message);
    }
}
