package io.medallion.bench.fleet.check;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Silver holds each source change of the inventory tables exactly once, as a silver row or a
 * quarantined record: the set of (table, key, LSN) in silver and quarantine equals the distinct
 * set in bronze, with no copy. After crashes this is what a run without faults produces (the
 * clickstream's equivalent is {@link ConservationCheck}).
 */
public final class SilverExactlyOnceCheck {

    public static final String NAME = "silver holds every change exactly once";

    private SilverExactlyOnceCheck() {
    }

    /**
     * @param bronze     bronze rows of the change tables (copies allowed, counted once)
     * @param silver     silver rows of those tables
     * @param quarantine quarantined records of those tables
     */
    public static CheckResult evaluate(List<ChangeKey> bronze, List<ChangeKey> silver, List<ChangeKey> quarantine) {
        CheckResult.Builder r = new CheckResult.Builder(NAME);
        Set<ChangeKey> expected = new HashSet<>(bronze);
        Map<ChangeKey, Integer> seen = new HashMap<>();
        silver.forEach(k -> seen.merge(k, 1, Integer::sum));
        quarantine.forEach(k -> seen.merge(k, 1, Integer::sum));
        long copies = 0;
        long unknown = 0;
        Set<String> tables = new TreeSet<>();
        for (Map.Entry<ChangeKey, Integer> e : seen.entrySet()) {
            tables.add(e.getKey().table());
            if (e.getValue() > 1) {
                copies += e.getValue() - 1;
                r.problem(e.getKey() + " is in silver or quarantine " + e.getValue() + " times");
            }
            if (!expected.contains(e.getKey())) {
                unknown++;
                r.problem(e.getKey() + " is in silver but not in bronze");
            }
        }
        long missing = 0;
        for (ChangeKey k : expected) {
            if (!seen.containsKey(k)) {
                missing++;
                r.problem(k + " is in bronze but neither in silver nor quarantined");
            }
        }
        r.figure("tables", (long) tables.size()).figure("distinct changes", (long) expected.size())
                .figure("silver rows", (long) silver.size()).figure("quarantined", (long) quarantine.size())
                .figure("missing", missing).figure("copies", copies).figure("unknown", unknown);
        r.require(!expected.isEmpty(), "no inventory changes in bronze: nothing was checked");
        return r.build();
    }
}
