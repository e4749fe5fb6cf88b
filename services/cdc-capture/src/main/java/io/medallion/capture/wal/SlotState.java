package io.medallion.capture.wal;

import java.util.Optional;

/**
 * One row of {@code pg_replication_slots}, as far as capture cares.
 *
 * @param confirmedFlushLsn position up to which the consumer confirmed; changes committed before
 *                          it are never sent again (null before the slot was first used)
 * @param walStatus         {@code reserved}, {@code extended}, {@code unreserved} or {@code lost}
 */
public record SlotState(String name, Long confirmedFlushLsn, Long restartLsn, String walStatus, boolean active) {

    public boolean lost() {
        return "lost".equals(walStatus);
    }

    public Optional<Long> confirmedFlush() {
        return Optional.ofNullable(confirmedFlushLsn);
    }
}
