package io.medallion.bench.fleet.check;

import io.medallion.bench.fleet.source.SourceChange;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bronze holds every committed source change (by table, key and LSN) at least once, and exactly
 * once when no component crashed. The source changes come from the audit slot (PostgreSQL's
 * test_decoding), which shares nothing with capture.
 */
public final class BronzeCompletenessCheck {

    public static final String NAME = "bronze holds every source change";

    private BronzeCompletenessCheck() {
    }

    /**
     * @param bronze      one entry per bronze row
     * @param exactlyOnce whether copies are a failure (no component crashed) or only counted
     */
    public static CheckResult evaluate(List<SourceChange> source, List<ChangeKey> bronze, boolean exactlyOnce) {
        CheckResult.Builder r = new CheckResult.Builder(NAME + (exactlyOnce ? " exactly once" : " at least once"));
        Map<ChangeKey, Integer> copies = new HashMap<>();
        for (ChangeKey row : bronze) {
            copies.merge(row, 1, Integer::sum);
        }
        Map<ChangeKey, Boolean> expected = new HashMap<>();
        long missing = 0;
        for (SourceChange c : source) {
            ChangeKey key = new ChangeKey(c.table(), c.key(), c.lsn());
            expected.put(key, Boolean.TRUE);
            if (!copies.containsKey(key)) {
                missing++;
                r.problem("missing from bronze: " + key + " (op " + c.op() + ")");
            }
        }
        long duplicates = 0;
        long unexpected = 0;
        for (Map.Entry<ChangeKey, Integer> e : copies.entrySet()) {
            if (!expected.containsKey(e.getKey())) {
                unexpected += e.getValue();
                r.problem("in bronze but never committed in the source: " + e.getKey());
            } else if (e.getValue() > 1) {
                duplicates += e.getValue() - 1;
                if (exactlyOnce) {
                    r.problem("in bronze " + e.getValue() + " times: " + e.getKey());
                }
            }
        }
        r.figure("source changes", (long) source.size()).figure("bronze rows", (long) bronze.size())
                .figure("missing", missing).figure("extra copies", duplicates).figure("unknown", unexpected);
        r.require(!source.isEmpty(), "the source committed no changes: nothing was checked");
        return r.build();
    }
}
