package io.medallion.gold.kpi;

import io.medallion.gold.support.WebEvents;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PartialCountsTest {

    private static final Instant T = Instant.parse("2025-03-01T12:00:10Z");

    @Test
    void distinctCountsRiseOnlyOnAUsersFirstEventOfEachKind() {
        EventContribution view = EventContribution.of(WebEvents.view("u1", T));
        EventContribution buy = EventContribution.of(WebEvents.purchase("u1", T, "2.50", 2));

        PartialCounts counts = PartialCounts.EMPTY.add(view, UserFlags.NONE);
        UserFlags flags = UserFlags.NONE.with(view.type());
        counts = counts.add(view, flags);
        counts = counts.add(buy, flags);
        flags = flags.with(buy.type());
        counts = counts.add(buy, flags);

        assertThat(counts).isEqualTo(new PartialCounts(4, 2, 0, 2, new BigDecimal("10.00"), 1, 1, 1));
    }

    @Test
    void aCartOnlyUserIsActiveButNeitherViewerNorBuyer() {
        PartialCounts counts = PartialCounts.EMPTY.add(EventContribution.of(WebEvents.cart("u2", T)), UserFlags.NONE);
        assertThat(counts).isEqualTo(new PartialCounts(1, 0, 1, 0, new BigDecimal("0.00"), 0, 0, 1));
    }

    @Test
    void partialsOfDisjointUsersAdd() {
        PartialCounts a = new PartialCounts(3, 1, 1, 1, new BigDecimal("1.10"), 1, 1, 2);
        PartialCounts b = new PartialCounts(5, 2, 2, 1, new BigDecimal("2.25"), 2, 1, 3);
        assertThat(a.plus(b)).isEqualTo(new PartialCounts(8, 3, 3, 2, new BigDecimal("3.35"), 3, 2, 5));
        assertThat(PartialCounts.EMPTY.plus(a)).isEqualTo(a);
    }
}
