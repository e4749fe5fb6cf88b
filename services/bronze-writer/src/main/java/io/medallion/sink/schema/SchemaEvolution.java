package io.medallion.sink.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a table can take rows of a (possibly newer) source schema.
 *
 * <p>Rules: every column present in both must keep its type exactly (no widening: Delta
 * Standalone cannot change a column's type); a source column the table lacks is added at the
 * end if the source declares it optional (nullable or with a default), otherwise the change is
 * incompatible; a table column the source lacks stays and is null in new rows.
 */
public final class SchemaEvolution {

    /** What to do with the table. */
    public sealed interface Outcome permits Unchanged, Widened, Incompatible {
    }

    public record Unchanged() implements Outcome {
    }

    /** The table gains {@code added}; {@code schema} is the table's new schema. */
    public record Widened(TableSchema schema, List<Column> added) implements Outcome {
    }

    public record Incompatible(String reason) implements Outcome {
    }

    private SchemaEvolution() {
    }

    /**
     * @param table    the table's current schema
     * @param incoming the columns a source schema maps to (no partition columns needed: the
     *                 table's own are kept)
     */
    public static Outcome evolve(TableSchema table, List<Column> incoming) {
        Map<String, Column> existing = table.byName();
        List<Column> added = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Column c : incoming) {
            Column current = existing.get(c.name());
            if (current == null) {
                if (c.optional()) {
                    added.add(Column.optional(c.name(), c.type()));
                } else {
                    problems.add("new column '" + c.name() + "' is required (neither nullable nor with a default)");
                }
            } else if (!current.type().equals(c.type())) {
                problems.add("column '" + c.name() + "' changes type from " + ColumnType.describe(current.type())
                        + " to " + ColumnType.describe(c.type()));
            }
        }
        if (!problems.isEmpty()) {
            return new Incompatible(String.join("; ", problems));
        }
        return added.isEmpty() ? new Unchanged() : new Widened(table.plus(added), List.copyOf(added));
    }
}
