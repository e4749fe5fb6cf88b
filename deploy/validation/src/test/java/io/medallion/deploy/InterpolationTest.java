package io.medallion.deploy;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterpolationTest {

    @Test
    void defaultsApplyWhenTheVariableIsUnsetOrEmpty() {
        assertThat(Interpolation.apply("a=${A:-x} b=${B-y} c=${C:-}", Map.of("B", ""))).isEqualTo("a=x b= c=");
    }

    @Test
    void setVariablesWin() {
        assertThat(Interpolation.apply("${A:-x}/${B}/$C", Map.of("A", "1", "B", "2", "C", "3"))).isEqualTo("1/2/3");
    }

    @Test
    void doubleDollarIsALiteralDollar() {
        assertThat(Interpolation.apply("echo $$HOME and $$", Map.of("HOME", "/root"))).isEqualTo("echo $HOME and $");
    }

    @Test
    void requiredVariablesMustBeSet() {
        assertThatThrownBy(() -> Interpolation.apply("${SECRET:?set SECRET}", Map.of()))
                .hasMessageContaining("SECRET must be set");
        assertThat(Interpolation.apply("${SECRET:?set SECRET}", Map.of("SECRET", "s"))).isEqualTo("s");
    }

    @Test
    void alternativesApplyWhenSet() {
        assertThat(Interpolation.apply("[${A:+on}][${B:+on}]", Map.of("A", "1"))).isEqualTo("[on][]");
    }
}
