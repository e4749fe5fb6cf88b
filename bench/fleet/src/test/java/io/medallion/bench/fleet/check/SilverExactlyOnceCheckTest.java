package io.medallion.bench.fleet.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SilverExactlyOnceCheckTest {

    private static final ChangeKey A = new ChangeKey("orders", 1, 100);
    private static final ChangeKey B = new ChangeKey("orders", 1, 200);
    private static final ChangeKey C = new ChangeKey("customers", 9, 150);

    @Test
    void everyDistinctBronzeChangeOnceInSilverOrQuarantine() {
        CheckResult r = SilverExactlyOnceCheck.evaluate(List.of(A, B, B, C), List.of(A, B), List.of(C));
        assertThat(r.passed()).as(r.line()).isTrue();
        assertThat(r.figures()).containsEntry("distinct changes", 3L).containsEntry("tables", 2L);
    }

    @Test
    void aCopyInSilverFails() {
        CheckResult r = SilverExactlyOnceCheck.evaluate(List.of(A, B, C), List.of(A, B, B), List.of(C));
        assertThat(r.passed()).isFalse();
        assertThat(r.figures()).containsEntry("copies", 1L);
    }

    @Test
    void aChangeMissingFromSilverAndQuarantineFails() {
        CheckResult r = SilverExactlyOnceCheck.evaluate(List.of(A, B, C), List.of(A), List.of(C));
        assertThat(r.passed()).isFalse();
        assertThat(r.figures()).containsEntry("missing", 1L);
    }

    @Test
    void aChangeBothInSilverAndQuarantineFails() {
        assertThat(SilverExactlyOnceCheck.evaluate(List.of(A, B, C), List.of(A, B, C), List.of(C)).passed()).isFalse();
    }
}
