package io.medallion.loadgen.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.medallion.avro.silver.EventType;
import io.medallion.loadgen.Anomaly;
import io.medallion.loadgen.model.Catalog;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClickstreamFactoryTest {

    private static final Catalog CATALOG = Catalog.generate(7, 200);
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Set<String> EVENT_TYPES = Set.of("page_view", "add_to_cart", "purchase");
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toSet());
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private static ClickstreamProfile profile(double duplicate, double outOfOrder, double late, double invalid) {
        return new ClickstreamProfile(1000, 200, duplicate, outOfOrder, late, invalid, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(120), 50);
    }

    private static List<ClickEvent> generate(long seed, ClickstreamProfile profile, int n) {
        ClickstreamFactory factory = new ClickstreamFactory(seed, profile, CATALOG);
        List<ClickEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(factory.next());
        }
        return events;
    }

    @Test
    void theSameSeedGivesTheSameSequenceAndAnotherSeedAnotherOne() {
        ClickstreamProfile p = profile(0.05, 0.05, 0.02, 0.05);
        assertThat(generate(11, p, 5000)).isEqualTo(generate(11, p, 5000));
        assertThat(generate(12, p, 5000)).isNotEqualTo(generate(11, p, 5000));
    }

    @Test
    void validEventTypesAreTheSilverContractsSymbols() {
        assertThat(EVENT_TYPES).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(EventType.values()).map(Enum::name).toList());
        assertThat(List.of(ClickstreamFactory.PAGE_VIEW, ClickstreamFactory.ADD_TO_CART, ClickstreamFactory.PURCHASE))
                .containsExactlyInAnyOrderElementsOf(EVENT_TYPES);
    }

    @Test
    void onTimeEventsAreValidAndNowAndBrowsingOutnumbersBuying() {
        Map<String, Integer> byType = new HashMap<>();
        for (ClickEvent e : generate(1, profile(0, 0, 0, 0), 20_000)) {
            ClickEvent.Fresh fresh = (ClickEvent.Fresh) e;
            assertThat(fresh.anomaly()).isEmpty();
            assertThat(defects(fresh.event())).isEmpty();
            assertThat(fresh.event().tsOffset()).isZero();
            byType.merge(fresh.event().eventType(), 1, Integer::sum);
        }
        assertThat(byType.get("page_view")).isGreaterThan(byType.get("add_to_cart"));
        assertThat(byType.get("add_to_cart")).isGreaterThan(byType.get("purchase"));
        assertThat(byType.get("purchase")).isPositive();
    }

    @Test
    void purchasesCarryCatalogueEuroPricesAndSmallQuantities() {
        for (ClickEvent e : generate(2, profile(0, 0, 0, 0), 20_000)) {
            WebEvent w = ((ClickEvent.Fresh) e).event();
            if (w.eventType().equals("purchase")) {
                assertThat(w.price()).isEqualTo(CATALOG.product(w.productIndex()).unitPrice());
                assertThat(w.price().scale()).isEqualTo(2);
                assertThat(w.quantity()).isBetween(1, 3);
                assertThat(w.currency()).isEqualTo("EUR");
            }
        }
    }

    @Test
    void everyInvalidKindAppearsAndHasExactlyTheDefectItClaims() {
        Map<Anomaly, Integer> seen = new EnumMap<>(Anomaly.class);
        for (ClickEvent e : generate(3, profile(0, 0, 0, 1), 5000)) {
            ClickEvent.Fresh fresh = (ClickEvent.Fresh) e;
            Anomaly claimed = fresh.anomaly().orElseThrow();
            assertThat(claimed.invalid()).isTrue();
            assertThat(defects(fresh.event())).as("defects of %s", fresh.event()).containsExactly(claimed);
            seen.merge(claimed, 1, Integer::sum);
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(
                EnumSet.allOf(Anomaly.class).stream().filter(Anomaly::invalid).toList());
    }

    @Test
    void outOfOrderEventsStayInsideTheSpreadAndLateOnesBeyondTheMinimumLateness() {
        ClickstreamProfile p = profile(0, 0.5, 0.5, 0);
        int outOfOrder = 0;
        int late = 0;
        for (ClickEvent e : generate(4, p, 4000)) {
            ClickEvent.Fresh fresh = (ClickEvent.Fresh) e;
            Duration offset = fresh.event().tsOffset();
            assertThat(defects(fresh.event())).isEmpty();
            if (fresh.anomaly().orElseThrow() == Anomaly.OUT_OF_ORDER) {
                outOfOrder++;
                assertThat(offset).isBetween(Duration.ofSeconds(-10), Duration.ofSeconds(-1));
            } else {
                late++;
                assertThat(fresh.anomaly()).contains(Anomaly.LATE);
                assertThat(offset).isBetween(Duration.ofSeconds(-120), Duration.ofSeconds(-30));
            }
        }
        assertThat(outOfOrder).isPositive();
        assertThat(late).isPositive();
    }

    @Test
    void duplicatesReSendOnTimeValidEventsTheConfiguredNumberOfRowsLaterOnce() {
        List<ClickEvent> events = generate(5, profile(0.1, 0.05, 0.05, 0.05), 20_000);
        Map<Long, ClickEvent.Fresh> bySeq = new HashMap<>();
        int resends = 0;
        for (ClickEvent e : events) {
            if (e instanceof ClickEvent.Fresh fresh) {
                bySeq.put(fresh.seq(), fresh);
            } else {
                ClickEvent.Resend resend = (ClickEvent.Resend) e;
                ClickEvent.Fresh original = bySeq.remove(resend.originalSeq());
                assertThat(original).as("original of %s, re-sent once", resend).isNotNull();
                assertThat(original.resentLater()).isTrue();
                assertThat(original.anomaly()).isEmpty();
                assertThat(resend.seq() - original.seq()).isGreaterThanOrEqualTo(50);
                resends++;
            }
        }
        long announced = events.stream().filter(e -> e instanceof ClickEvent.Fresh f && f.resentLater()).count();
        long pending = bySeq.values().stream().filter(ClickEvent.Fresh::resentLater).count();
        assertThat(resends).isPositive().isEqualTo(announced - pending);
        assertThat(pending).isLessThanOrEqualTo(50);
    }

    /** The checks silver applies, as this test reads DESIGN.md; each finding names an anomaly. */
    private static Set<Anomaly> defects(WebEvent e) {
        Set<Anomaly> found = EnumSet.noneOf(Anomaly.class);
        if (!UUID.matcher(e.eventId()).matches()) {
            found.add(Anomaly.BAD_EVENT_ID);
        }
        if (!EVENT_TYPES.contains(e.eventType())) {
            found.add(Anomaly.UNKNOWN_EVENT_TYPE);
        }
        if (e.userId() == null) {
            found.add(Anomaly.MISSING_USER_ID);
        }
        if (e.eventType().equals("purchase") && e.price().compareTo(BigDecimal.ZERO) <= 0) {
            found.add(Anomaly.NON_POSITIVE_PRICE);
        }
        if (e.eventType().equals("purchase") && e.quantity() <= 0) {
            found.add(Anomaly.NON_POSITIVE_QUANTITY);
        }
        if (!CURRENCIES.contains(e.currency())) {
            found.add(Anomaly.BAD_CURRENCY);
        }
        if (!COUNTRIES.contains(e.country())) {
            found.add(Anomaly.BAD_COUNTRY);
        }
        if (e.tsOffset() == null) {
            found.add(Anomaly.NULL_TS);
        } else if (e.tsOffset().compareTo(Duration.ofHours(1)) > 0) {
            found.add(Anomaly.FUTURE_TS);
        }
        if (e.productText() != null && !e.productText().matches("\\d+")) {
            found.add(Anomaly.NON_NUMERIC_PRODUCT_ID);
        }
        return found;
    }
}
