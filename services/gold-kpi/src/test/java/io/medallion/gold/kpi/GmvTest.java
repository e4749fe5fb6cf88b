package io.medallion.gold.kpi;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GmvTest {

    @Test
    void revenueIsExactAtScaleTwo() {
        assertThat(Gmv.revenue(new BigDecimal("19.99"), 3)).isEqualTo(new BigDecimal("59.97"));
        assertThat(Gmv.revenue(new BigDecimal("0.1"), 3)).isEqualTo(new BigDecimal("0.30"));
        // 0.1 + 0.2 in doubles is 0.30000000000000004; here it is exact.
        assertThat(Gmv.revenue(new BigDecimal("0.10"), 1).add(Gmv.revenue(new BigDecimal("0.20"), 1)))
                .isEqualTo(new BigDecimal("0.30"));
    }

    @Test
    void aPriceWithMoreThanTwoDecimalsIsAnErrorNotARounding() {
        assertThatThrownBy(() -> Gmv.revenue(new BigDecimal("1.005"), 1)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void gmvMustFitDecimal18Comma2() {
        assertThat(Gmv.forKpi(new BigDecimal("9999999999999999.99"))).isEqualTo(new BigDecimal("9999999999999999.99"));
        assertThatThrownBy(() -> Gmv.forKpi(new BigDecimal("10000000000000000.00")))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("decimal(18,2)");
        assertThat(Gmv.forKpi(new BigDecimal("5"))).isEqualTo(new BigDecimal("5.00"));
    }
}
