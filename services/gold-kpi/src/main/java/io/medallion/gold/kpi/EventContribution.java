package io.medallion.gold.kpi;

import io.medallion.avro.silver.EventType;
import io.medallion.avro.silver.WebEvent;

import java.math.BigDecimal;

/**
 * What one valid event adds to its window: its type, its user and, for a purchase, its
 * revenue {@code price * quantity} (exact, scale 2). Built before any state is touched, so an
 * event that cannot be counted fails here and leaves the aggregates as they were.
 */
public record EventContribution(String userId, EventType type, BigDecimal revenue) {

    public static EventContribution of(WebEvent event) {
        String user = event.getUserId();
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("event " + event.getEventId() + " has no user_id");
        }
        EventType type = event.getEventType();
        if (type != EventType.purchase) {
            return new EventContribution(user, type, BigDecimal.ZERO.setScale(Gmv.SCALE));
        }
        BigDecimal price = event.getPrice();
        Integer quantity = event.getQuantity();
        if (price == null || price.signum() <= 0 || quantity == null || quantity <= 0) {
            throw new IllegalArgumentException("purchase " + event.getEventId()
                    + " needs a positive price and quantity, has price=" + price + " quantity=" + quantity);
        }
        return new EventContribution(user, type, Gmv.revenue(price, quantity));
    }
}
