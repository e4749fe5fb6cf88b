package io.medallion.bench.fleet.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Finds the highest sustainable rate in few stages: double from the start rate while stages are
 * sustainable (halve while they are not, if the first one fails), then bisect between the best
 * sustainable and the lowest unsustainable rate until they are within {@code precision} of each
 * other or the stage budget is spent. Rates are rounded to {@value #STEP} events/s.
 */
public final class RateSearch {

    /** One tried rate and its verdict. */
    public record Stage(int rate, boolean sustainable) {
    }

    static final int STEP = 50;
    private static final int MIN_RATE = 10;

    private final int start;
    private final int max;
    private final int maxStages;
    private final double precision;
    private final List<Stage> stages = new ArrayList<>();
    private int best;
    private int lowestFailure = Integer.MAX_VALUE;

    public RateSearch(int start, int max, int maxStages, double precision) {
        this.start = start;
        this.max = max;
        this.maxStages = maxStages;
        this.precision = precision;
    }

    /** The next rate to try, or empty when the search is over. */
    public OptionalInt next() {
        if (stages.size() >= maxStages) {
            return OptionalInt.empty();
        }
        if (lowestFailure == Integer.MAX_VALUE) {
            if (best >= max) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(best == 0 ? start : Math.min(max, best * 2));
        }
        if (best == 0) {
            int lower = lowestFailure / 2;
            return lower < MIN_RATE ? OptionalInt.empty() : OptionalInt.of(lower);
        }
        if (lowestFailure - best <= precision * best) {
            return OptionalInt.empty();
        }
        int mid = round((best + lowestFailure) / 2);
        return mid <= best || mid >= lowestFailure ? OptionalInt.empty() : OptionalInt.of(mid);
    }

    public void record(int rate, boolean sustainable) {
        stages.add(new Stage(rate, sustainable));
        if (sustainable) {
            best = Math.max(best, rate);
        } else {
            lowestFailure = Math.min(lowestFailure, rate);
        }
    }

    /** The highest sustainable rate found, 0 when none was. */
    public int best() {
        return best;
    }

    public List<Stage> stages() {
        return List.copyOf(stages);
    }

    static int round(int rate) {
        return Math.max(STEP, Math.round(rate / (float) STEP) * STEP);
    }
}
