package io.medallion.gold.kpi;

import io.medallion.avro.silver.EventType;

import java.math.BigDecimal;

/**
 * The additive state of one window over a set of users: what one partition holds for a window
 * (distinct counts are exact within it because each user lives in exactly one partition) and,
 * summed with {@link #plus}, what the combiner holds across partitions.
 *
 * @param gmv exact, scale 2
 */
public record PartialCounts(long events, long pageViews, long addToCarts, long orders, BigDecimal gmv,
                            long viewUsers, long purchaseUsers, long activeUsers) {

    public static final PartialCounts EMPTY =
            new PartialCounts(0, 0, 0, 0, BigDecimal.ZERO.setScale(Gmv.SCALE), 0, 0, 0);

    /**
     * These counts with one more event applied, given what its user had done in the window
     * before it ({@link UserFlags#NONE} for a user new to the window).
     */
    public PartialCounts add(EventContribution event, UserFlags before) {
        UserFlags after = before.with(event.type());
        return new PartialCounts(
                events + 1,
                pageViews + is(event.type() == EventType.page_view),
                addToCarts + is(event.type() == EventType.add_to_cart),
                orders + is(event.type() == EventType.purchase),
                gmv.add(event.revenue()),
                viewUsers + is(after.viewed() && !before.viewed()),
                purchaseUsers + is(after.purchased() && !before.purchased()),
                activeUsers + is(after.active() && !before.active()));
    }

    /** Counts of disjoint user sets added together (partitions of the same window). */
    public PartialCounts plus(PartialCounts other) {
        return new PartialCounts(
                events + other.events,
                pageViews + other.pageViews,
                addToCarts + other.addToCarts,
                orders + other.orders,
                gmv.add(other.gmv),
                viewUsers + other.viewUsers,
                purchaseUsers + other.purchaseUsers,
                activeUsers + other.activeUsers);
    }

    private static long is(boolean condition) {
        return condition ? 1 : 0;
    }
}
