package io.medallion.bench.fleet.check;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The conservation law of the clickstream, checked row by row rather than on counters: every
 * distinct bronze {@code web_events} row is either in silver, or quarantined, or a duplicate
 * of an event that is in silver (its event id, any case, is a silver event id), and nothing is
 * both. Hence bronze = silver + quarantined + deduplicated, with no row unexplained and no event
 * id twice in silver. After a capture restart, an invalid row capture re-sent is quarantined again
 * (silver-enricher cannot deduplicate rows without a trustworthy event id; its README says so):
 * such copies are then counted apart and the law uses distinct quarantined rows.
 */
public final class ConservationCheck {

    public static final String NAME = "clickstream conservation";

    /** A clickstream row: its source id and event id (null when the tracker sent none). */
    public record ClickRow(long id, String eventId) {
    }

    private ConservationCheck() {
    }

    /**
     * @param bronze      bronze web_events rows (copies after a capture restart are counted once)
     * @param silver      silver web_events rows
     * @param quarantined source ids of quarantined web_events rows
     * @param exactlyOnce whether a row quarantined twice is a failure (no capture restart) or a counted copy
     */
    public static CheckResult evaluate(List<ClickRow> bronze, List<ClickRow> silver, List<Long> quarantined, boolean exactlyOnce) {
        CheckResult.Builder r = new CheckResult.Builder(NAME);
        Map<Long, String> bronzeRows = new HashMap<>();
        bronze.forEach(b -> bronzeRows.put(b.id(), b.eventId()));

        Set<Long> silverIds = new HashSet<>();
        Set<String> silverEvents = new HashSet<>();
        long silverDuplicateEvents = 0;
        for (ClickRow s : silver) {
            if (!silverIds.add(s.id())) {
                r.problem("source row " + s.id() + " is in silver twice");
            }
            if (!silverEvents.add(key(s.eventId()))) {
                silverDuplicateEvents++;
                r.problem("event id " + s.eventId() + " is in silver twice");
            }
            if (!bronzeRows.containsKey(s.id())) {
                r.problem("silver row " + s.id() + " has no bronze row");
            }
        }
        Set<Long> quarantinedIds = new HashSet<>();
        long requarantined = 0;
        for (long q : quarantined) {
            if (!quarantinedIds.add(q)) {
                requarantined++;
                if (exactlyOnce) {
                    r.problem("source row " + q + " is quarantined twice");
                }
            }
            if (silverIds.contains(q)) {
                r.problem("source row " + q + " is both in silver and quarantined");
            }
            if (!bronzeRows.containsKey(q)) {
                r.problem("quarantined row " + q + " has no bronze row");
            }
        }
        long deduplicated = 0;
        long unexplained = 0;
        for (Map.Entry<Long, String> b : bronzeRows.entrySet()) {
            if (silverIds.contains(b.getKey()) || quarantinedIds.contains(b.getKey())) {
                continue;
            }
            if (b.getValue() != null && silverEvents.contains(key(b.getValue()))) {
                deduplicated++;
            } else {
                unexplained++;
                r.problem("bronze row " + b.getKey() + " (event " + b.getValue() + ") is neither in silver, quarantined, nor a duplicate");
            }
        }
        long bronzeCount = bronzeRows.size();
        long quarantinedCount = quarantinedIds.size();
        r.figure("bronze", bronzeCount).figure("silver", (long) silver.size()).figure("quarantined", quarantinedCount)
                .figure("deduplicated", deduplicated).figure("unexplained", unexplained);
        if (requarantined > 0) {
            r.figure("re-quarantined copies", requarantined);
        }
        r.figure("law", bronzeCount + (bronzeCount == silver.size() + quarantinedCount + deduplicated ? " = " : " != ")
                + silver.size() + " + " + quarantinedCount + " + " + deduplicated);
        r.require(bronzeCount == silver.size() + quarantinedCount + deduplicated,
                "bronze rows != silver + quarantined + deduplicated");
        r.require(silverDuplicateEvents == 0, "silver holds an event id more than once");
        r.require(bronzeCount > 0, "no clickstream rows in bronze: nothing was checked");
        return r.build();
    }

    private static String key(String eventId) {
        return eventId == null ? null : eventId.toLowerCase(Locale.ROOT);
    }
}
