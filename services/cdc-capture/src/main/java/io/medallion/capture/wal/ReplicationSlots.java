package io.medallion.capture.wal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Queries on {@code pg_replication_slots}. Positions in bytes of WAL. */
public final class ReplicationSlots {

    /**
     * Slot lag (WAL written but not yet confirmed by capture) and retained WAL (kept on disk for
     * the slot), both in bytes.
     */
    public record Lag(long lagBytes, long retainedBytes) {
    }

    private ReplicationSlots() {
    }

    public static Optional<SlotState> find(Connection connection, String slot) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT confirmed_flush_lsn::text, restart_lsn::text, wal_status, active"
                        + " FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SlotState(slot, lsn(rs.getString(1)), lsn(rs.getString(2)),
                        rs.getString(3), rs.getBoolean(4)));
            }
        }
    }

    public static Optional<Lag> lag(Connection connection, String slot) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT pg_current_wal_lsn() - confirmed_flush_lsn, pg_current_wal_lsn() - restart_lsn"
                        + " FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Lag(rs.getLong(1), rs.getLong(2)));
            }
        }
    }

    /** The server's current WAL write position. */
    public static long currentWalLsn(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_current_wal_lsn()::text");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Lsn.parse(rs.getString(1));
        }
    }

    private static Long lsn(String text) {
        return text == null ? null : Lsn.parse(text);
    }
}
