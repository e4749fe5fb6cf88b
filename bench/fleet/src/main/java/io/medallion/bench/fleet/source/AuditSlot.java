package io.medallion.bench.fleet.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An independent record of every committed source change: a second logical replication slot
 * with PostgreSQL's own {@code test_decoding} plugin, created before any load and read (peeked)
 * after the run. It shares nothing with capture (Debezium, pgoutput), and its LSNs are the
 * change records' positions, the same ones capture writes to {@code source.lsn}.
 */
public final class AuditSlot {

    public static final String NAME = "medallion_bench_audit";
    private static final String SCHEMA = "shop";

    private AuditSlot() {
    }

    public static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_create_logical_replication_slot('" + NAME + "', 'test_decoding')");
        }
    }

    public static void drop(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_drop_replication_slot('" + NAME + "') FROM pg_replication_slots WHERE slot_name = '" + NAME + "'");
        }
    }

    /** Every change to the given shop tables committed since the slot was created, in commit order. */
    public static List<SourceChange> read(Connection c, Set<String> tables) throws SQLException {
        List<SourceChange> changes = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("SELECT lsn::text, data FROM pg_logical_slot_peek_changes(?, NULL, NULL,"
                + " 'skip-empty-xacts', '1', 'include-xids', '0')")) {
            ps.setString(1, NAME);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String lsn = rs.getString(1);
                    Optional<TestDecodingLine.Parsed> parsed = TestDecodingLine.parse(rs.getString(2), SCHEMA);
                    parsed.filter(p -> tables.contains(p.table())).ifPresent(p ->
                            changes.add(new SourceChange(p.table(), p.key(), SourceChange.parseLsn(lsn), p.op())));
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return changes;
    }
}
