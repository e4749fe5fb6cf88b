package io.medallion.capture.wal;

import java.util.Optional;

/**
 * Decides, before the engine starts, whether the replication slot can still deliver every
 * change after the stored offsets. Without this, Debezium would create a fresh slot (or accept
 * one that moved on) and stream from "now": every change in between would be lost in silence.
 */
public final class WalGapCheck {

    private WalGapCheck() {
    }

    /**
     * @param offset stored offsets of this capture, empty on a first start
     * @param slot   the slot as PostgreSQL reports it, empty when it does not exist
     * @throws WalGapException naming slot and positions when changes would be lost
     */
    public static void verify(String slotName, Optional<StoredOffset> offset, Optional<SlotState> slot) {
        if (offset.isEmpty()) {
            return;
        }
        Long resume = offset.get().resumeLsn();
        String stored = resume == null ? "unknown" : Lsn.format(resume);
        if (slot.isEmpty()) {
            throw new WalGapException("WAL gap: stored offsets resume at LSN " + stored
                    + " but replication slot '" + slotName + "' does not exist; the changes since then"
                    + " are gone. Refusing to start (a new slot would silently skip them).");
        }
        SlotState s = slot.get();
        if (s.lost()) {
            throw new WalGapException("WAL gap: replication slot '" + slotName + "' has wal_status 'lost'"
                    + " (PostgreSQL removed WAL it still needed, see max_slot_wal_keep_size); stored offsets"
                    + " resume at LSN " + stored + ". Refusing to start.");
        }
        if (resume != null && s.confirmedFlushLsn() != null && Long.compareUnsigned(s.confirmedFlushLsn(), resume) > 0) {
            throw new WalGapException("WAL gap: replication slot '" + slotName + "' confirmed_flush_lsn "
                    + Lsn.format(s.confirmedFlushLsn()) + " is ahead of the stored offsets' LSN " + stored
                    + "; the changes between them would never be sent. Refusing to start.");
        }
    }
}
