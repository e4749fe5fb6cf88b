package io.medallion.bench.fleet.check;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceTest {

    @Test
    void quarantineKeysGiveTheirId() {
        assertThat(Evidence.firstNumber("{\"order_id\":42}")).isEqualTo(42);
        assertThat(Evidence.firstNumber("{\"id\": 7}")).isEqualTo(7);
        assertThatThrownBy(() -> Evidence.firstNumber("{}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkResultsPrintPassOrFailWithTheirNumbers() {
        CheckResult r = new CheckResult.Builder("demo").figure("rows", 12345L).require(false, "broken").build();
        assertThat(r.line()).isEqualTo("FAIL  demo: rows 12,345");
        assertThat(r.problems()).containsExactly("broken");
        CheckResult.Builder many = new CheckResult.Builder("many");
        for (int i = 0; i < 50; i++) {
            many.problem("p" + i);
        }
        assertThat(many.build().problems()).hasSize(CheckResult.MAX_PROBLEMS);
    }
}
