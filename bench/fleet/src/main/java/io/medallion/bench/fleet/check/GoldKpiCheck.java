package io.medallion.bench.fleet.check;

import io.medallion.gold.reference.ReferenceKpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * gold/kpi_1m equals the independent SQL computation over the source rows
 * ({@code KpiReferenceQuery}) for every window: same windows, each once, every KPI equal.
 */
public final class GoldKpiCheck {

    public static final String NAME = "gold kpi_1m = SQL reference";

    private GoldKpiCheck() {
    }

    public static CheckResult evaluate(List<ReferenceKpi> gold, List<ReferenceKpi> reference) {
        CheckResult.Builder r = new CheckResult.Builder(NAME);
        Map<Instant, ReferenceKpi> goldByWindow = new TreeMap<>();
        long duplicates = 0;
        for (ReferenceKpi g : gold) {
            if (goldByWindow.put(g.windowStart(), g) != null) {
                duplicates++;
                r.problem("window " + g.windowStart() + " is in gold more than once");
            }
        }
        Map<Instant, ReferenceKpi> refByWindow = new HashMap<>();
        reference.forEach(k -> refByWindow.put(k.windowStart(), k));
        long equal = 0;
        long differing = 0;
        long missing = 0;
        for (ReferenceKpi ref : reference) {
            ReferenceKpi g = goldByWindow.get(ref.windowStart());
            if (g == null) {
                missing++;
                r.problem("window " + ref.windowStart() + " is missing from gold (reference: " + ref + ")");
            } else if (same(g, ref)) {
                equal++;
            } else {
                differing++;
                r.problem("window " + ref.windowStart() + " differs: gold " + g + ", reference " + ref);
            }
        }
        long extra = goldByWindow.keySet().stream().filter(w -> !refByWindow.containsKey(w)).count();
        goldByWindow.keySet().stream().filter(w -> !refByWindow.containsKey(w))
                .forEach(w -> r.problem("window " + w + " is in gold but not in the reference"));
        long events = reference.stream().mapToLong(ReferenceKpi::events).sum();
        r.figure("windows", (long) reference.size()).figure("equal", equal).figure("differing", differing)
                .figure("missing", missing).figure("extra", extra).figure("duplicated", duplicates)
                .figure("events counted", events);
        r.require(!reference.isEmpty(), "the reference has no window: nothing was checked");
        return r.build();
    }

    /** Field by field, decimals by value (a scale difference is not a different number). */
    static boolean same(ReferenceKpi a, ReferenceKpi b) {
        return a.windowStart().equals(b.windowStart()) && a.windowEnd().equals(b.windowEnd())
                && a.orders() == b.orders() && decimalEquals(a.gmv(), b.gmv())
                && a.purchaseUsers() == b.purchaseUsers() && a.viewUsers() == b.viewUsers()
                && a.activeUsers() == b.activeUsers() && decimalEquals(a.conversionRate(), b.conversionRate())
                && a.events() == b.events() && a.pageViews() == b.pageViews() && a.addToCarts() == b.addToCarts();
    }

    private static boolean decimalEquals(BigDecimal a, BigDecimal b) {
        return Objects.equals(a, b) || (a != null && b != null && a.compareTo(b) == 0);
    }
}
