package io.medallion.bench.fleet.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of one correctness check: PASS or FAIL with the numbers behind it, and the first
 * few problems found (never more than {@value #MAX_PROBLEMS}, so a broken run stays readable).
 *
 * @param figures named numbers in print order, e.g. {@code source changes -> 12345}
 */
public record CheckResult(String name, boolean passed, Map<String, Object> figures, List<String> problems) {

    public static final int MAX_PROBLEMS = 10;

    public CheckResult {
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        problems = List.copyOf(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)));
    }

    /** {@code PASS  gold kpi_1m = SQL reference: windows 12, equal 12, ...} */
    public String line() {
        return (passed ? "PASS" : "FAIL") + "  " + name + ": " + figures.entrySet().stream()
                .map(e -> e.getKey() + " " + format(e.getValue())).collect(Collectors.joining(", "));
    }

    public static String format(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%,.2f", d);
        }
        return String.valueOf(value);
    }

    /** Collects figures and problems while a check runs. */
    static final class Builder {
        private final String name;
        private final Map<String, Object> figures = new LinkedHashMap<>();
        private final List<String> problems = new java.util.ArrayList<>();
        private boolean failed;

        Builder(String name) {
            this.name = name;
        }

        Builder figure(String key, Object value) {
            figures.put(key, value);
            return this;
        }

        /** Records a problem and fails the check. */
        Builder problem(String problem) {
            failed = true;
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(problem);
            }
            return this;
        }

        /** Fails the check when the condition is false, with the reason as a problem. */
        Builder require(boolean condition, String reason) {
            if (!condition) {
                problem(reason);
            }
            return this;
        }

        CheckResult build() {
            return new CheckResult(name, !failed, figures, problems);
        }
    }
}
