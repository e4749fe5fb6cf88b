package io.medallion.gold.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Gross merchandise value arithmetic: exact decimals of scale 2, never doubles. Prices carry at
 * most 2 decimals (silver's contract, decimal(12,2)), so {@code price * quantity} is exact at
 * scale 2 and sums are exact; {@link RoundingMode#UNNECESSARY} turns any breach of that
 * contract into an error instead of a silent rounding.
 */
public final class Gmv {

    /** Scale of gold.kpi_1m.gmv, decimal(18,2). */
    public static final int SCALE = 2;
    /** Precision of gold.kpi_1m.gmv, decimal(18,2). */
    public static final int PRECISION = 18;

    private Gmv() {
    }

    public static BigDecimal revenue(BigDecimal price, int quantity) {
        return price.multiply(BigDecimal.valueOf(quantity)).setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** The value as gold writes it: scale 2, and failing clearly when it does not fit decimal(18,2). */
    public static BigDecimal forKpi(BigDecimal gmv) {
        BigDecimal scaled = gmv.setScale(SCALE, RoundingMode.UNNECESSARY);
        if (scaled.precision() > PRECISION) {
            throw new ArithmeticException("gmv " + scaled.toPlainString() + " does not fit decimal(18,2)");
        }
        return scaled;
    }
}
