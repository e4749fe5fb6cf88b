package io.medallion.gold.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** {@code conversion_rate = purchase_users / max(view_users, 1)}, decimal(7,4), rounded HALF_UP. */
public final class ConversionRate {

    public static final int SCALE = 4;
    public static final int PRECISION = 7;

    private ConversionRate() {
    }

    /** @throws ArithmeticException when the ratio reaches 1000, which decimal(7,4) cannot hold */
    public static BigDecimal of(long purchaseUsers, long viewUsers) {
        BigDecimal rate = BigDecimal.valueOf(purchaseUsers)
                .divide(BigDecimal.valueOf(Math.max(viewUsers, 1L)), SCALE, RoundingMode.HALF_UP);
        if (rate.precision() > PRECISION) {
            throw new ArithmeticException("conversion rate " + purchaseUsers + "/" + viewUsers
                    + " = " + rate.toPlainString() + " does not fit decimal(7,4)");
        }
        return rate;
    }
}
