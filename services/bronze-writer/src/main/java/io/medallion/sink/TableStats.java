package io.medallion.sink;

import java.time.Instant;
import java.util.Optional;

/**
 * Progress of one table, for the launcher's summary and status line.
 *
 * @param table          relative to the table root, e.g. {@code bronze/shop_orders}
 * @param rowsCommitted  rows this instance committed since start
 * @param filesCommitted data files this instance committed since start
 * @param lastVersion    table version of this instance's last commit, -1 before the first
 * @param lastCommitAt   when that commit happened
 * @param stoppedReason  why the table takes no more rows (incompatible schema), empty while it runs
 */
public record TableStats(String table, long rowsCommitted, long filesCommitted, long lastVersion,
                         Optional<Instant> lastCommitAt, Optional<String> stoppedReason) {

    public boolean stopped() {
        return stoppedReason.isPresent();
    }
}
