package io.medallion.gold.support;

import io.medallion.avro.silver.EventType;
import io.medallion.avro.silver.WebEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Silver web events for tests, at fixed instants. */
public final class WebEvents {

    private static final AtomicLong IDS = new AtomicLong();

    private WebEvents() {
    }

    public static WebEvent view(String user, Instant ts) {
        return event(user, EventType.page_view, ts, null, null);
    }

    public static WebEvent cart(String user, Instant ts) {
        return event(user, EventType.add_to_cart, ts, null, null);
    }

    public static WebEvent purchase(String user, Instant ts, String price, int quantity) {
        return event(user, EventType.purchase, ts, new BigDecimal(price), quantity);
    }

    public static WebEvent event(String user, EventType type, Instant ts, BigDecimal price, Integer quantity) {
        long id = IDS.incrementAndGet();
        return WebEvent.newBuilder()
                .setId(id)
                .setEventId(UUID.nameUUIDFromBytes(("event-" + id).getBytes()).toString())
                .setUserId(user)
                .setProductId(type == EventType.page_view ? null : 42L)
                .setEventType(type)
                .setPrice(price)
                .setQuantity(quantity)
                .setCurrency(price == null ? null : "EUR")
                .setTs(ts)
                .setCountry("DE")
                .setDevice("web")
                .setCampaign(null)
                .setProductCategory(null)
                .setProductBrand(null)
                .setOp("c")
                .setSourceLsn(id)
                .setSourceTs(ts)
                .setProcessingTs(ts)
                .setWarnings(List.of())
                .build();
    }
}
