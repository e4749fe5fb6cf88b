package io.medallion.bench.fleet.source;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one line of PostgreSQL's {@code test_decoding} output plugin, e.g.
 * {@code table shop.orders: UPDATE: old-key: order_id[bigint]:5 ... new-tuple: order_id[bigint]:5 ...},
 * into the table, the operation and the value of the row's first column (the primary key of
 * every shop table). {@code BEGIN}/{@code COMMIT} lines and other schemas give nothing.
 */
public final class TestDecodingLine {

    /** A change as the line describes it; the LSN comes with the row, not the text. */
    public record Parsed(String table, char op, long key) {
    }

    private static final Pattern HEAD = Pattern.compile("^table ([^.]+)\\.([^:]+): (INSERT|UPDATE|DELETE): ");
    private static final Pattern FIRST_COLUMN = Pattern.compile("^\\S+?\\[[^\\]]+\\]:(-?\\d+)");

    private TestDecodingLine() {
    }

    public static Optional<Parsed> parse(String line, String schema) {
        Matcher head = HEAD.matcher(line);
        if (!head.find() || !head.group(1).equals(schema)) {
            return Optional.empty();
        }
        String table = head.group(2);
        String rest = line.substring(head.end());
        char op = switch (head.group(3)) {
            case "INSERT" -> 'c';
            case "UPDATE" -> 'u';
            default -> 'd';
        };
        if (op == 'u') {
            int newTuple = rest.indexOf("new-tuple: ");
            if (newTuple >= 0) {
                rest = rest.substring(newTuple + "new-tuple: ".length());
            }
        }
        Matcher key = FIRST_COLUMN.matcher(rest);
        if (!key.find()) {
            throw new IllegalArgumentException("no numeric first column in test_decoding line: " + line);
        }
        return Optional.of(new Parsed(table, op, Long.parseLong(key.group(1))));
    }
}
