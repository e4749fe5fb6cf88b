package io.medallion.gold.kpi;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversionRateTest {

    @Test
    void thirdsRoundToFourDecimals() {
        assertThat(ConversionRate.of(1, 3)).isEqualTo(new BigDecimal("0.3333"));
        assertThat(ConversionRate.of(2, 3)).isEqualTo(new BigDecimal("0.6667"));
    }

    @Test
    void anExactHalfRoundsUp() {
        // 1/20000 = 0.00005: HALF_UP gives 0.0001, HALF_EVEN and HALF_DOWN would give 0.0000.
        assertThat(ConversionRate.of(1, 20_000)).isEqualTo(new BigDecimal("0.0001"));
        // 3/16 = 0.1875 is exact and keeps scale 4.
        assertThat(ConversionRate.of(3, 16)).isEqualTo(new BigDecimal("0.1875"));
    }

    @Test
    void noViewsDividesByOne() {
        assertThat(ConversionRate.of(0, 0)).isEqualTo(new BigDecimal("0.0000"));
        assertThat(ConversionRate.of(2, 0)).isEqualTo(new BigDecimal("2.0000"));
    }

    @Test
    void aRatioOfAThousandOrMoreDoesNotFitDecimal7Comma4() {
        assertThat(ConversionRate.of(999, 1)).isEqualTo(new BigDecimal("999.0000"));
        assertThatThrownBy(() -> ConversionRate.of(1000, 0))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("decimal(7,4)");
    }
}
