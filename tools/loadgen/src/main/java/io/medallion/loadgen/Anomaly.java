package io.medallion.loadgen;

/**
 * What is deliberately wrong with a generated clickstream row. An invalid row has exactly one
 * defect and is otherwise valid, so silver's quarantine reasons can be checked one by one.
 */
public enum Anomaly {
    /** An on-time valid event re-sent later as a new row: identical event_id, ts and payload. */
    DUPLICATE(false),
    /** ts a few seconds in the past, inside the gold grace period. */
    OUT_OF_ORDER(false),
    /** ts older than the grace period: its window has closed when it arrives. */
    LATE(false),
    /** event_id that is not a UUID. */
    BAD_EVENT_ID(true),
    /** event_type outside page_view, add_to_cart, purchase. */
    UNKNOWN_EVENT_TYPE(true),
    /** user_id null. */
    MISSING_USER_ID(true),
    /** A purchase whose price is zero or negative. */
    NON_POSITIVE_PRICE(true),
    /** A purchase whose quantity is zero or negative. */
    NON_POSITIVE_QUANTITY(true),
    /** currency that is not an ISO 4217 code. */
    BAD_CURRENCY(true),
    /** country that is not an ISO 3166-1 alpha-2 code. */
    BAD_COUNTRY(true),
    /** ts days in the future. */
    FUTURE_TS(true),
    /** ts null. */
    NULL_TS(true),
    /** product_id that is not a number. */
    NON_NUMERIC_PRODUCT_ID(true);

    private final boolean invalid;

    Anomaly(boolean invalid) {
        this.invalid = invalid;
    }

    /** Whether silver must quarantine the row. */
    public boolean invalid() {
        return invalid;
    }
}
