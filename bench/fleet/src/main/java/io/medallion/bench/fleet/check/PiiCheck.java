package io.medallion.bench.fleet.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * No raw personal value from the source appears in any silver or gold Parquet file (nor in the
 * statistics of their Delta logs). The values are every version of the customers' and
 * suppliers' personal columns (names, e-mail addresses, phone numbers), found as whole tokens.
 * A value that also occurs in a non-personal source column (a supplier company named after its
 * founder, say) cannot be told apart from that column's legitimate copy; such values are left
 * out and counted.
 */
public final class PiiCheck {

    public static final String NAME = "no raw PII in silver or gold";

    /** Where a scanned string was found, e.g. {@code silver/customers/part-0001.parquet email_token}. */
    public record Scanned(String location, String text) {
    }

    /** Streams the strings to scan, calling the visitor for each. */
    @FunctionalInterface
    public interface Source {
        void forEach(java.util.function.Consumer<Scanned> visitor);
    }

    private PiiCheck() {
    }

    /**
     * @param personal     raw values of the source's personal columns
     * @param nonPersonal  text of the source's other columns that may reach silver (names of suppliers, products, warehouses)
     * @param files        how many files the source visits, for the figures
     */
    public static CheckResult evaluate(Collection<String> personal, Collection<String> nonPersonal, Source scanned, long files) {
        CheckResult.Builder r = new CheckResult.Builder(NAME);
        Set<String> values = new LinkedHashSet<>(personal);
        values.remove(null);
        PiiMatcher all = new PiiMatcher(new ArrayList<>(values));
        Set<String> ambiguous = new LinkedHashSet<>();
        for (String text : nonPersonal) {
            ambiguous.addAll(all.findAll(text));
        }
        List<String> searched = values.stream().filter(v -> !ambiguous.contains(v)).toList();
        PiiMatcher matcher = new PiiMatcher(searched);
        long[] strings = {0};
        long[] hits = {0};
        scanned.forEach(s -> {
            strings[0]++;
            matcher.find(s.text()).ifPresent(v -> {
                hits[0]++;
                r.problem("a raw personal value (" + mask(v) + ") in " + s.location());
            });
        });
        r.figure("personal values searched", (long) searched.size()).figure("left out as ambiguous", (long) ambiguous.size())
                .figure("files", files).figure("strings scanned", strings[0]).figure("found", hits[0]);
        r.require(!searched.isEmpty(), "no personal values in the source: nothing was checked");
        r.require(strings[0] > 0, "no strings in silver or gold: nothing was checked");
        return r.build();
    }

    /** Enough of a value to recognise it in a log, not enough to leak it: {@code an***@example.com}. */
    static String mask(String value) {
        int keep = Math.min(2, value.length());
        return value.substring(0, keep) + "*".repeat(Math.max(0, Math.min(6, value.length() - keep)))
                + (value.contains("@") ? value.substring(value.indexOf('@')) : "");
    }
}
