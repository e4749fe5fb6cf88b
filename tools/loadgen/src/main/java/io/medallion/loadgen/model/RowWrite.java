package io.medallion.loadgen.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One row-level change the generator wants in the database. Values are plain Java values
 * (String, Integer, Long, BigDecimal, Boolean, OffsetDateTime, null) or {@link Value}s.
 */
public sealed interface RowWrite {

    /** Marks an insert whose key the database assigns. */
    long NO_INDEX = -1;

    ShopTable table();

    /**
     * Inserts a row with the table's {@link ShopTable#insertColumns()} in order. {@code index}
     * names the new row for later {@link Value.Ref}s when the generator assigns the key.
     */
    record Insert(ShopTable table, long index, List<Object> values) implements RowWrite {
        public Insert {
            if (values.size() != table.insertColumns().size()) {
                throw new IllegalArgumentException(table + " takes " + table.insertColumns().size()
                        + " values, got " + values.size());
            }
            if (table.generatorAssignsKey() == (index == NO_INDEX)) {
                throw new IllegalArgumentException(table + (table.generatorAssignsKey()
                        ? " needs an index for its generated key" : " keys are assigned by the database"));
            }
            // Not List.copyOf: SQL nulls are values here.
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }

        public static Insert of(ShopTable table, long index, Object... values) {
            return new Insert(table, index, Arrays.asList(values));
        }

        public Object value(String column) {
            for (int i = 0; i < table.insertColumns().size(); i++) {
                if (table.insertColumns().get(i).name().equals(column)) {
                    return values.get(i);
                }
            }
            throw new IllegalArgumentException(table + " has no insert column " + column);
        }
    }

    /** {@code column = value}, or {@code column = column + value} when {@code increment}. */
    record Assignment(String column, Object value, boolean increment) {
        public static Assignment set(String column, Object value) {
            return new Assignment(column, value, false);
        }

        public static Assignment add(String column, int delta) {
            return new Assignment(column, delta, true);
        }
    }

    /** A condition {@code column = value}; conditions of one change are AND-ed. */
    record Match(String column, Object value) {
    }

    /**
     * Changes the named columns of the rows matching {@code where}. Never writes NULL: the
     * writer merges the updates of a table into one statement that keeps unnamed columns.
     */
    record Update(ShopTable table, List<Assignment> assignments, List<Match> where) implements RowWrite {
        public Update {
            if (assignments.stream().anyMatch(a -> a.value() == null)) {
                throw new IllegalArgumentException("an update never writes NULL: " + assignments);
            }
            assignments = List.copyOf(assignments);
            where = List.copyOf(where);
        }
    }

    record Delete(ShopTable table, List<Match> where) implements RowWrite {
        public Delete {
            where = List.copyOf(where);
        }
    }

    /** Update of the row with the given key. */
    static Update updateByKey(ShopTable table, long index, Assignment... assignments) {
        return new Update(table, List.of(assignments), List.of(new Match(table.keyColumn(), Value.ref(table, index))));
    }

    /** Delete of the row with the given key. */
    static Delete deleteByKey(ShopTable table, long index) {
        return new Delete(table, List.of(new Match(table.keyColumn(), Value.ref(table, index))));
    }
}
