package io.medallion.gold.kpi;

import io.medallion.avro.silver.EventType;
import io.medallion.gold.support.WebEvents;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventContributionTest {

    private static final Instant T = Instant.parse("2025-03-01T12:00:10Z");

    @Test
    void aPurchaseContributesPriceTimesQuantity() {
        EventContribution c = EventContribution.of(WebEvents.purchase("u1", T, "12.50", 4));
        assertThat(c).isEqualTo(new EventContribution("u1", EventType.purchase, new BigDecimal("50.00")));
    }

    @Test
    void otherEventsContributeNoRevenue() {
        assertThat(EventContribution.of(WebEvents.view("u1", T)).revenue()).isEqualTo(new BigDecimal("0.00"));
        assertThat(EventContribution.of(WebEvents.cart("u1", T)).revenue()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void aPurchaseWithoutPositivePriceAndQuantityCannotBeCounted() {
        assertThatThrownBy(() -> EventContribution.of(WebEvents.event("u1", EventType.purchase, T, null, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive price and quantity");
        assertThatThrownBy(() -> EventContribution.of(WebEvents.event("u1", EventType.purchase, T, new BigDecimal("1.00"), 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventContribution.of(WebEvents.event("u1", EventType.purchase, T, new BigDecimal("-1.00"), 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEventWithoutUserCannotBeCounted() {
        assertThatThrownBy(() -> EventContribution.of(WebEvents.view("", T)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user_id");
    }
}
