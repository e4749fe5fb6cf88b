package io.medallion.bench.fleet.check;

import io.medallion.bench.fleet.check.ConservationCheck.ClickRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConservationCheckTest {

    /** Rows 1-2 valid, 3 a retry of 1 (upper case id), 4 invalid. */
    private static final List<ClickRow> BRONZE = List.of(new ClickRow(1, "aa"), new ClickRow(2, "bb"),
            new ClickRow(3, "AA"), new ClickRow(4, "not-a-uuid"));

    @Test
    void bronzeIsSilverPlusQuarantinedPlusDeduplicated() {
        CheckResult r = ConservationCheck.evaluate(BRONZE, List.of(new ClickRow(1, "aa"), new ClickRow(2, "bb")), List.of(4L), true);
        assertThat(r.passed()).as(r.line()).isTrue();
        assertThat(r.figures()).containsEntry("bronze", 4L).containsEntry("silver", 2L).containsEntry("quarantined", 1L)
                .containsEntry("deduplicated", 1L).containsEntry("law", "4 = 2 + 1 + 1");
    }

    @Test
    void copiesOfBronzeRowsAfterACaptureRestartCountOnce() {
        List<ClickRow> withCopy = new java.util.ArrayList<>(BRONZE);
        withCopy.add(new ClickRow(2, "bb"));
        assertThat(ConservationCheck.evaluate(withCopy, List.of(new ClickRow(1, "aa"), new ClickRow(2, "bb")), List.of(4L), true).passed())
                .isTrue();
    }

    @Test
    void aRowQuarantinedAgainAfterACaptureRestartIsACopyUnlessExactlyOnceIsRequired() {
        List<ClickRow> silver = List.of(new ClickRow(1, "aa"), new ClickRow(2, "bb"));
        assertThat(ConservationCheck.evaluate(BRONZE, silver, List.of(4L, 4L), true).passed()).isFalse();
        CheckResult r = ConservationCheck.evaluate(BRONZE, silver, List.of(4L, 4L), false);
        assertThat(r.passed()).as(r.line()).isTrue();
        assertThat(r.figures()).containsEntry("re-quarantined copies", 1L).containsEntry("quarantined", 1L);
    }

    @Test
    void aLostRowFails() {
        CheckResult r = ConservationCheck.evaluate(BRONZE, List.of(new ClickRow(1, "aa")), List.of(4L), true);
        assertThat(r.passed()).isFalse();
        assertThat(r.figures()).containsEntry("unexplained", 1L);
    }

    @Test
    void anEventTwiceInSilverFails() {
        CheckResult r = ConservationCheck.evaluate(BRONZE, List.of(new ClickRow(1, "aa"), new ClickRow(2, "bb"),
                new ClickRow(3, "aa")), List.of(4L), true);
        assertThat(r.passed()).isFalse();
        assertThat(r.problems()).anyMatch(p -> p.contains("event id aa is in silver twice"));
    }

    @Test
    void aRowBothInSilverAndQuarantinedFails() {
        CheckResult r = ConservationCheck.evaluate(BRONZE, List.of(new ClickRow(1, "aa"), new ClickRow(2, "bb")), List.of(4L, 2L), true);
        assertThat(r.passed()).isFalse();
    }
}
