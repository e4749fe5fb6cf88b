package io.medallion.loadgen.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL script split into statements, each knowing which table it belongs to, so the installer
 * can apply only what a database is missing. Splits on semicolons outside quotes, dollar-quoted
 * bodies ({@code DO $$ ... $$}) and comments.
 */
public final class SqlScript {

    /** What a statement does: creates a table, changes one, or something else (schema, publication). */
    public enum Kind { CREATE_TABLE, TABLE_CHANGE, OTHER }

    public record Statement(String sql, Kind kind, Optional<String> table) {
    }

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?is)^CREATE\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\s+([\\w.]+).*");
    private static final Pattern ALTER_TABLE = Pattern.compile("(?is)^ALTER\\s+TABLE\\s+([\\w.]+).*");
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "(?is)^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+IF\\s+NOT\\s+EXISTS\\s+\\w+\\s+ON\\s+([\\w.]+).*");
    private static final Pattern COMMENT_ON = Pattern.compile(
            "(?is)^COMMENT\\s+ON\\s+(?:TABLE|COLUMN)\\s+(\\w+\\.\\w+).*");

    private SqlScript() {
    }

    public static List<Statement> parse(String script) {
        List<Statement> out = new ArrayList<>();
        for (String sql : split(script)) {
            out.add(classify(sql));
        }
        return out;
    }

    static Statement classify(String sql) {
        Matcher m;
        if ((m = CREATE_TABLE.matcher(sql)).matches()) {
            return new Statement(sql, Kind.CREATE_TABLE, Optional.of(m.group(1).toLowerCase(Locale.ROOT)));
        }
        for (Pattern p : List.of(ALTER_TABLE, CREATE_INDEX, COMMENT_ON)) {
            if ((m = p.matcher(sql)).matches()) {
                return new Statement(sql, Kind.TABLE_CHANGE, Optional.of(m.group(1).toLowerCase(Locale.ROOT)));
            }
        }
        return new Statement(sql, Kind.OTHER, Optional.empty());
    }

    /** Statements without their terminating semicolons and without comments, trimmed. */
    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == '-' && script.startsWith("--", i)) {
                int end = script.indexOf('\n', i);
                i = end < 0 ? script.length() : end;
            } else if (c == '\'') {
                int end = closingQuote(script, i);
                current.append(script, i, end);
                i = end;
            } else if (c == '$') {
                int tagEnd = script.indexOf('$', i + 1);
                String tag = tagEnd < 0 ? "" : script.substring(i, tagEnd + 1);
                if (tag.matches("\\$\\w*\\$")) {
                    int close = script.indexOf(tag, tagEnd + 1);
                    if (close < 0) {
                        throw new IllegalArgumentException("unterminated " + tag + " block");
                    }
                    int end = close + tag.length();
                    current.append(script, i, end);
                    i = end;
                } else {
                    current.append(c);
                    i++;
                }
            } else if (c == ';') {
                add(statements, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return statements;
    }

    /** Index after the quote closing the literal opened at {@code start}; '' is an escaped quote. */
    private static int closingQuote(String s, int start) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == '\'') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated string literal");
    }

    private static void add(List<String> statements, StringBuilder current) {
        String sql = current.toString().trim();
        if (!sql.isEmpty()) {
            statements.add(sql);
        }
        current.setLength(0);
    }
}
