package io.medallion.silver.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Collects the reasons a row breaks its rules, each as {@code "<column>: <problem>"}. A value is
 * echoed to help whoever fixes the source, except for personal-data columns, whose values never
 * leave the service in clear.
 */
public final class Findings {

    private static final int MAX_ECHO = 64;

    private final Set<String> personalColumns;
    private final List<String> reasons;
    private final String condition;

    public Findings(Set<String> personalColumns) {
        this(personalColumns, new ArrayList<>(2), "");
    }

    private Findings(Set<String> personalColumns, List<String> reasons, String condition) {
        this.personalColumns = personalColumns;
        this.reasons = reasons;
        this.condition = condition;
    }

    /** Findings reported from here on hold only under a condition, e.g. {@code event_type is purchase}. */
    public Findings when(String condition) {
        return new Findings(personalColumns, reasons, this.condition + " when " + condition);
    }

    public void fail(String column, String problem) {
        reasons.add(column + ": " + problem + condition);
    }

    public void fail(String column, String problem, Object value) {
        if (personalColumns.contains(column)) {
            reasons.add(column + ": " + problem + condition + " (value withheld: personal data)");
        } else {
            reasons.add(column + ": " + problem + condition + ", was '" + echo(value) + "'");
        }
    }

    public List<String> reasons() {
        return reasons;
    }

    public boolean isEmpty() {
        return reasons.isEmpty();
    }

    private static String echo(Object value) {
        String s = String.valueOf(value);
        return s.length() <= MAX_ECHO ? s : s.substring(0, MAX_ECHO) + "...";
    }
}
