package io.medallion.loadgen.db;

import io.medallion.loadgen.model.RowWrite;
import io.medallion.loadgen.model.RowWrite.Assignment;
import io.medallion.loadgen.model.RowWrite.Match;
import io.medallion.loadgen.model.ShopTable;
import io.medallion.loadgen.model.ShopTable.Column;
import io.medallion.loadgen.model.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a batch of generated rows in one transaction on its own connection, with as few round
 * trips as the rows allow: one JDBC batch per statement (inserts become multi-row inserts
 * through the driver's {@code reWriteBatchedInserts}), and one update statement per table and
 * key shape whatever columns each update changes ({@code col = COALESCE(?, col)}, so an update
 * leaves the columns it does not name as they are).
 *
 * <p>Order within a batch: inserts by table in foreign-key order, then updates table by table in
 * generation order, then deletes in reverse foreign-key order. Every row the generator makes
 * goes through insert, then updates, then delete, and all updates of one row share one
 * statement, so this order keeps each row's history and every foreign key intact however the
 * batch interleaves operations.
 */
public final class BatchWriter implements AutoCloseable {

    /** Rows changed per table by one committed batch. */
    public record Counts(Map<ShopTable, long[]> byTable) {
        public static final int INSERTED = 0;
        public static final int UPDATED = 1;
        public static final int DELETED = 2;
    }

    /** Rows sharing one statement, executed as one JDBC batch. */
    record Group(String sql, List<RowWrite> rows, UpdateShape shape) {
    }

    /**
     * The one update statement of a table in a batch: every column any of its updates sets
     * (kept by COALESCE where a row leaves it out) or increments (by 0 where a row leaves it out).
     */
    record UpdateShape(ShopTable table, List<String> setColumns, List<String> incrementColumns,
                       List<String> whereColumns) {
        String sql() {
            List<String> parts = new ArrayList<>();
            setColumns.forEach(c -> parts.add(c + " = COALESCE(?, " + c + ")"));
            incrementColumns.forEach(c -> parts.add(c + " = " + c + " + ?"));
            return "UPDATE " + table.qualifiedName() + " SET " + String.join(", ", parts) + " WHERE "
                    + where(whereColumns);
        }
    }

    private final Connection connection;
    private final IdRegistry ids;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Map<ShopTable, String> sequences = new EnumMap<>(ShopTable.class);

    public BatchWriter(Connection connection, IdRegistry ids) throws SQLException {
        this.connection = connection;
        this.ids = ids;
        connection.setAutoCommit(false);
    }

    public Counts write(List<RowWrite> writes, Instant now) throws SQLException {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        Map<ShopTable, long[]> counts = new EnumMap<>(ShopTable.class);
        try {
            assignKeys(writes);
            for (Group group : groups(writes)) {
                execute(group, at, counts);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
        return new Counts(counts);
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : statements.values()) {
            ps.close();
        }
        connection.close();
    }

    /**
     * Reserves keys for the new rows that later rows name, from each table's own sequence, in
     * one query for the whole batch.
     */
    private void assignKeys(List<RowWrite> writes) throws SQLException {
        Map<ShopTable, List<RowWrite.Insert>> byTable = new EnumMap<>(ShopTable.class);
        for (RowWrite w : writes) {
            if (w instanceof RowWrite.Insert insert && insert.table().generatorAssignsKey()) {
                byTable.computeIfAbsent(insert.table(), t -> new ArrayList<>()).add(insert);
            }
        }
        if (byTable.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (ShopTable table : byTable.keySet()) {
            parts.add("SELECT " + table.ordinal() + ", nextval('" + sequence(table) + "') FROM generate_series(1, ?)");
        }
        PreparedStatement ps = statement(String.join(" UNION ALL ", parts));
        int p = 1;
        for (List<RowWrite.Insert> inserts : byTable.values()) {
            ps.setInt(p++, inserts.size());
        }
        Map<ShopTable, Integer> next = new EnumMap<>(ShopTable.class);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ShopTable table = ShopTable.values()[rs.getInt(1)];
                int i = next.merge(table, 1, Integer::sum) - 1;
                RowWrite.Insert insert = byTable.get(table).get(i);
                ids.register(table, insert.index(), rs.getLong(2));
            }
        }
    }

    private String sequence(ShopTable table) throws SQLException {
        String seq = sequences.get(table);
        if (seq == null) {
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_get_serial_sequence('" + table.qualifiedName() + "', '"
                         + table.keyColumn() + "')")) {
                rs.next();
                seq = rs.getString(1);
                if (seq == null) {
                    throw new IllegalStateException(table.qualifiedName() + "." + table.keyColumn()
                            + " has no sequence: the table does not match db/shop-schema.sql");
                }
            }
            sequences.put(table, seq);
        }
        return seq;
    }

    /** The batch's rows as statement groups, in execution order. */
    static List<Group> groups(List<RowWrite> writes) {
        Map<ShopTable, List<RowWrite>> inserts = new EnumMap<>(ShopTable.class);
        Map<ShopTable, Map<List<String>, List<RowWrite>>> updates = new EnumMap<>(ShopTable.class);
        Map<ShopTable, Map<String, List<RowWrite>>> deletes = new EnumMap<>(ShopTable.class);
        for (RowWrite w : writes) {
            if (w instanceof RowWrite.Insert i) {
                inserts.computeIfAbsent(i.table(), t -> new ArrayList<>()).add(w);
            } else if (w instanceof RowWrite.Update u) {
                updates.computeIfAbsent(u.table(), t -> new LinkedHashMap<>())
                        .computeIfAbsent(columns(u.where()), k -> new ArrayList<>()).add(w);
            } else if (w instanceof RowWrite.Delete d) {
                deletes.computeIfAbsent(d.table(), t -> new LinkedHashMap<>())
                        .computeIfAbsent(deleteSql(d), k -> new ArrayList<>()).add(w);
            }
        }
        List<Group> ordered = new ArrayList<>();
        inserts.forEach((table, rows) -> ordered.add(new Group(insertSql(table), rows, null)));
        updates.forEach((table, byKey) -> byKey.forEach((where, rows) -> {
            UpdateShape shape = shape(table, where, rows);
            ordered.add(new Group(shape.sql(), rows, shape));
        }));
        List<ShopTable> reverse = new ArrayList<>(deletes.keySet());
        Collections.reverse(reverse);
        for (ShopTable table : reverse) {
            deletes.get(table).forEach((sql, rows) -> ordered.add(new Group(sql, rows, null)));
        }
        return ordered;
    }

    private static UpdateShape shape(ShopTable table, List<String> where, List<RowWrite> rows) {
        Set<String> set = new LinkedHashSet<>();
        Set<String> increment = new LinkedHashSet<>();
        for (RowWrite w : rows) {
            for (Assignment a : ((RowWrite.Update) w).assignments()) {
                (a.increment() ? increment : set).add(a.column());
            }
        }
        Set<String> both = new LinkedHashSet<>(set);
        both.retainAll(increment);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException(table + " columns both set and incremented in one batch: " + both);
        }
        return new UpdateShape(table, sorted(set), sorted(increment), where);
    }

    /** Columns in a fixed order, so one set of columns always gives one statement text. */
    private static List<String> sorted(Set<String> columns) {
        return columns.stream().sorted().toList();
    }

    private void execute(Group group, OffsetDateTime at, Map<ShopTable, long[]> counts) throws SQLException {
        PreparedStatement ps = statement(group.sql());
        for (RowWrite row : group.rows()) {
            bind(ps, row, group.shape(), at);
            ps.addBatch();
        }
        int[] results = ps.executeBatch();
        RowWrite first = group.rows().get(0);
        long[] c = counts.computeIfAbsent(first.table(), t -> new long[3]);
        if (first instanceof RowWrite.Insert) {
            // Rewritten multi-row inserts report SUCCESS_NO_INFO; a failed row throws instead.
            c[Counts.INSERTED] += group.rows().size();
        } else {
            long changed = 0;
            for (int r : results) {
                changed += Math.max(r, 0);
            }
            c[first instanceof RowWrite.Update ? Counts.UPDATED : Counts.DELETED] += changed;
        }
    }

    private void bind(PreparedStatement ps, RowWrite row, UpdateShape shape, OffsetDateTime at) throws SQLException {
        ShopTable table = row.table();
        int i = 1;
        if (row instanceof RowWrite.Insert insert) {
            if (table.generatorAssignsKey()) {
                ps.setLong(i++, ids.resolve(table, insert.index()));
            }
            List<Column> columns = table.insertColumns();
            for (int c = 0; c < columns.size(); c++) {
                setValue(ps, i++, columns.get(c), insert.values().get(c), at);
            }
        } else if (row instanceof RowWrite.Update update) {
            Map<String, Object> assigned = new HashMap<>();
            update.assignments().forEach(a -> assigned.put(a.column(), a.value()));
            for (String column : shape.setColumns()) {
                setValue(ps, i++, table.column(column), assigned.get(column), at);
            }
            for (String column : shape.incrementColumns()) {
                setValue(ps, i++, table.column(column), assigned.getOrDefault(column, 0), at);
            }
            for (Match m : update.where()) {
                setValue(ps, i++, table.column(m.column()), m.value(), at);
            }
        } else if (row instanceof RowWrite.Delete delete) {
            for (Match m : delete.where()) {
                setValue(ps, i++, table.column(m.column()), m.value(), at);
            }
        }
    }

    private void setValue(PreparedStatement ps, int index, Column column, Object value, OffsetDateTime at)
            throws SQLException {
        if (value == null) {
            ps.setNull(index, column.type().getVendorTypeNumber());
        } else if (value instanceof Value.Ref ref) {
            ps.setLong(index, ids.resolve(ref.table(), ref.index()));
        } else if (value instanceof Value.RefText text) {
            ps.setString(index, Long.toString(ids.resolve(text.ref().table(), text.ref().index())));
        } else if (value instanceof Value.Now now) {
            ps.setObject(index, at.plus(now.offset()));
        } else {
            ps.setObject(index, value);
        }
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    static String insertSql(ShopTable table) {
        List<String> columns = new ArrayList<>();
        if (table.generatorAssignsKey()) {
            columns.add(table.keyColumn());
        }
        table.insertColumns().forEach(c -> columns.add(c.name()));
        return "INSERT INTO " + table.qualifiedName() + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    static String deleteSql(RowWrite.Delete d) {
        return "DELETE FROM " + d.table().qualifiedName() + " WHERE " + where(columns(d.where()));
    }

    private static List<String> columns(List<Match> matches) {
        return matches.stream().map(Match::column).toList();
    }

    private static String where(List<String> columns) {
        return columns.stream().map(c -> c + " = ?").collect(Collectors.joining(" AND "));
    }
}
