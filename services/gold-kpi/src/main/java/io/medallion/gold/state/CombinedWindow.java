package io.medallion.gold.state;

import io.medallion.gold.kpi.PartialCounts;

/** A window in the combiner: the sum of the partials received so far and how many there were. */
public record CombinedWindow(PartialCounts counts, int partials) {

    public static final CombinedWindow EMPTY = new CombinedWindow(PartialCounts.EMPTY, 0);

    public CombinedWindow plus(PartialCounts partial) {
        return new CombinedWindow(counts.plus(partial), partials + 1);
    }
}
