package io.medallion.loadgen.clickstream;

import io.medallion.loadgen.model.RowWrite;
import io.medallion.loadgen.model.ShopTable;
import io.medallion.loadgen.model.Value;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A clickstream row before it meets the clock: {@code tsOffset} is the event time relative to
 * the moment the row is written (null for a row whose ts is null). The product is either the
 * index of a catalogue product (written as its key, as text) or raw text.
 */
public record WebEvent(String eventId, String userId, Integer productIndex, String productText,
                       String eventType, BigDecimal price, Integer quantity, String currency,
                       Duration tsOffset, String country, String device, String campaign) {

    public WebEvent {
        if ((productIndex == null) == (productText == null)) {
            throw new IllegalArgumentException("exactly one of productIndex and productText");
        }
    }

    /** The row as inserted at {@code now}. */
    public RowWrite.Insert toInsert(Instant now) {
        Object product = productIndex != null
                ? new Value.RefText(Value.ref(ShopTable.PRODUCTS, productIndex)) : productText;
        OffsetDateTime ts = tsOffset == null ? null : OffsetDateTime.ofInstant(now.plus(tsOffset), ZoneOffset.UTC);
        return RowWrite.Insert.of(ShopTable.WEB_EVENTS, RowWrite.NO_INDEX, eventId, userId, product, eventType,
                price, quantity, currency, ts, country, device, campaign);
    }

    WebEvent withEventId(String v) {
        return new WebEvent(v, userId, productIndex, productText, eventType, price, quantity, currency, tsOffset,
                country, device, campaign);
    }

    WebEvent withUserId(String v) {
        return new WebEvent(eventId, v, productIndex, productText, eventType, price, quantity, currency, tsOffset,
                country, device, campaign);
    }

    WebEvent withProductText(String v) {
        return new WebEvent(eventId, userId, null, v, eventType, price, quantity, currency, tsOffset,
                country, device, campaign);
    }

    WebEvent withEventType(String v) {
        return new WebEvent(eventId, userId, productIndex, productText, v, price, quantity, currency, tsOffset,
                country, device, campaign);
    }

    WebEvent withPrice(BigDecimal v) {
        return new WebEvent(eventId, userId, productIndex, productText, eventType, v, quantity, currency, tsOffset,
                country, device, campaign);
    }

    WebEvent withQuantity(Integer v) {
        return new WebEvent(eventId, userId, productIndex, productText, eventType, price, v, currency, tsOffset,
                country, device, campaign);
    }

    WebEvent withCurrency(String v) {
        return new WebEvent(eventId, userId, productIndex, productText, eventType, price, quantity, v, tsOffset,
                country, device, campaign);
    }

    WebEvent withTsOffset(Duration v) {
        return new WebEvent(eventId, userId, productIndex, productText, eventType, price, quantity, currency, v,
                country, device, campaign);
    }

    WebEvent withCountry(String v) {
        return new WebEvent(eventId, userId, productIndex, productText, eventType, price, quantity, currency,
                tsOffset, v, device, campaign);
    }
}
