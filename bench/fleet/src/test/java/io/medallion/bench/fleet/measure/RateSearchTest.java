package io.medallion.bench.fleet.measure;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

class RateSearchTest {

    /** Runs the search against a system that sustains rates up to {@code capacity}. */
    private static List<Integer> tried(RateSearch search, IntPredicate sustainable) {
        List<Integer> rates = new ArrayList<>();
        OptionalInt next;
        while ((next = search.next()).isPresent()) {
            rates.add(next.getAsInt());
            search.record(next.getAsInt(), sustainable.test(next.getAsInt()));
        }
        return rates;
    }

    @Test
    void doublesThenBisects() {
        RateSearch s = new RateSearch(1000, 64_000, 10, 0.1);
        assertThat(tried(s, r -> r <= 5_300)).containsExactly(1000, 2000, 4000, 8000, 6000, 5000, 5500);
        assertThat(s.best()).as("within 10% of the lowest failure").isEqualTo(5000);
    }

    @Test
    void stopsAtTheStageBudget() {
        RateSearch s = new RateSearch(1000, 64_000, 3, 0.1);
        assertThat(tried(s, r -> r <= 5_300)).containsExactly(1000, 2000, 4000);
        assertThat(s.best()).isEqualTo(4000);
    }

    @Test
    void halvesWhenTheFirstStageFails() {
        RateSearch s = new RateSearch(1000, 64_000, 10, 0.1);
        assertThat(tried(s, r -> r <= 300)).startsWith(1000, 500, 250);
        assertThat(s.best()).isBetween(250, 300);
    }

    @Test
    void stopsAtTheMaximumAndWhenNothingIsSustainable() {
        RateSearch top = new RateSearch(1000, 4000, 10, 0.1);
        assertThat(tried(top, r -> true)).containsExactly(1000, 2000, 4000);
        assertThat(top.best()).isEqualTo(4000);
        RateSearch none = new RateSearch(100, 4000, 20, 0.1);
        tried(none, r -> false);
        assertThat(none.best()).isZero();
    }

    @Test
    void roundsToFiftyEvents() {
        assertThat(RateSearch.round(5_274)).isEqualTo(5_250);
        assertThat(RateSearch.round(10)).isEqualTo(50);
    }
}
