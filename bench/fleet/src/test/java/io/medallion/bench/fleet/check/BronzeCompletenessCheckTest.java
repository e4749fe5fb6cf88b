package io.medallion.bench.fleet.check;

import io.medallion.bench.fleet.source.SourceChange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BronzeCompletenessCheckTest {

    private static final List<SourceChange> SOURCE = List.of(new SourceChange("orders", 1, 100, 'c'),
            new SourceChange("orders", 1, 200, 'u'), new SourceChange("web_events", 7, 150, 'c'));

    @Test
    void passesWhenEveryChangeIsThereOnce() {
        CheckResult r = BronzeCompletenessCheck.evaluate(SOURCE, List.of(new ChangeKey("orders", 1, 100),
                new ChangeKey("orders", 1, 200), new ChangeKey("web_events", 7, 150)), true);
        assertThat(r.passed()).isTrue();
        assertThat(r.figures()).containsEntry("missing", 0L).containsEntry("extra copies", 0L);
    }

    @Test
    void failsOnAMissingChangeNamingIt() {
        CheckResult r = BronzeCompletenessCheck.evaluate(SOURCE, List.of(new ChangeKey("orders", 1, 100),
                new ChangeKey("web_events", 7, 150)), false);
        assertThat(r.passed()).isFalse();
        assertThat(r.figures()).containsEntry("missing", 1L);
        assertThat(r.problems()).singleElement().asString().contains("orders key 1 lsn 200");
    }

    @Test
    void copiesFailOnlyWhenExactlyOnceIsRequired() {
        List<ChangeKey> withCopy = List.of(new ChangeKey("orders", 1, 100), new ChangeKey("orders", 1, 200),
                new ChangeKey("orders", 1, 200), new ChangeKey("web_events", 7, 150));
        assertThat(BronzeCompletenessCheck.evaluate(SOURCE, withCopy, true).passed()).isFalse();
        CheckResult atLeastOnce = BronzeCompletenessCheck.evaluate(SOURCE, withCopy, false);
        assertThat(atLeastOnce.passed()).isTrue();
        assertThat(atLeastOnce.figures()).containsEntry("extra copies", 1L);
    }

    @Test
    void aRowNoSourceCommittedFails() {
        List<ChangeKey> bronze = List.of(new ChangeKey("orders", 1, 100), new ChangeKey("orders", 1, 200),
                new ChangeKey("web_events", 7, 150), new ChangeKey("web_events", 8, 160));
        assertThat(BronzeCompletenessCheck.evaluate(SOURCE, bronze, true).figures()).containsEntry("unknown", 1L);
        assertThat(BronzeCompletenessCheck.evaluate(SOURCE, bronze, true).passed()).isFalse();
    }

    @Test
    void nothingToCheckIsAFailure() {
        assertThat(BronzeCompletenessCheck.evaluate(List.of(), List.of(), true).passed()).isFalse();
    }
}
