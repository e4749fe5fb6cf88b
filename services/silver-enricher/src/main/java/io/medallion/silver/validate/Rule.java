package io.medallion.silver.validate;

/**
 * One check on a row. A rule reports every problem it finds into {@link Findings} and passes a
 * null column unless it is {@link Rules#required}, so rules compose without ordering concerns.
 */
@FunctionalInterface
public interface Rule {

    void check(RowContext row, Findings findings);
}
