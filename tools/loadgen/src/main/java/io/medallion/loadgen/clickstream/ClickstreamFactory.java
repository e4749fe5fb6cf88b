package io.medallion.loadgen.clickstream;

import io.medallion.loadgen.Anomaly;
import io.medallion.loadgen.model.Catalog;
import io.medallion.loadgen.model.Draw;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The clickstream of one lane as a pure, seeded sequence: the same seed, profile and catalogue
 * give the same events in the same order, whatever the clock or the database do.
 *
 * <p>Users browse far more than they buy: page_view 80 %, add_to_cart 15 %, purchase 5 %, with
 * a few heavy users and best-selling products. Prices are the catalogue's EUR prices; purchases
 * and cart additions carry a quantity of 1 to 3.
 */
public final class ClickstreamFactory {

    public static final String PAGE_VIEW = "page_view";
    public static final String ADD_TO_CART = "add_to_cart";
    public static final String PURCHASE = "purchase";
    public static final String CURRENCY = "EUR";

    private static final List<String> EVENT_TYPES = List.of(PAGE_VIEW, ADD_TO_CART, PURCHASE);
    private static final int[] EVENT_TYPE_WEIGHTS = {80, 15, 5};
    private static final List<String> COUNTRIES = List.of("FR", "DE", "NL", "ES", "IT", "BE", "GB", "PL", "SE", "US");
    private static final int[] COUNTRY_WEIGHTS = {22, 20, 10, 10, 10, 6, 8, 6, 4, 4};
    private static final List<String> DEVICES = List.of("mobile", "desktop", "tablet");
    private static final int[] DEVICE_WEIGHTS = {55, 38, 7};
    private static final List<String> CAMPAIGNS = List.of("spring_sale", "newsletter", "affiliate", "retargeting");
    private static final List<Anomaly> INVALID_KINDS = Arrays.stream(Anomaly.values())
            .filter(Anomaly::invalid).toList();
    private static final List<String> UNKNOWN_EVENT_TYPES = List.of("click", "scroll", "checkout_start");
    private static final List<String> BAD_CURRENCIES = List.of("EURO", "EU", "€");
    private static final List<String> BAD_COUNTRIES = List.of("XX", "FRA", "Germany");

    private final SplittableRandom rng;
    private final ClickstreamProfile profile;
    private final Catalog catalog;
    /** Pairs of (due seq, original seq), in due order because the delay is constant. */
    private final ArrayDeque<long[]> pendingResends = new ArrayDeque<>();
    private long nextSeq;

    public ClickstreamFactory(long seed, ClickstreamProfile profile, Catalog catalog) {
        if (catalog.size() < profile.products()) {
            throw new IllegalArgumentException("catalogue has " + catalog.size() + " products, profile needs "
                    + profile.products());
        }
        this.rng = new SplittableRandom(seed);
        this.profile = profile;
        this.catalog = catalog;
    }

    public ClickEvent next() {
        long seq = nextSeq++;
        long[] due = pendingResends.peek();
        if (due != null && due[0] <= seq) {
            pendingResends.poll();
            return new ClickEvent.Resend(seq, due[1]);
        }
        Optional<Anomaly> anomaly = drawAnomaly();
        WebEvent event = anomaly.map(a -> apply(a, baseEvent(a))).orElseGet(() -> baseEvent(null));
        boolean resend = anomaly.isEmpty() && rng.nextDouble() < profile.duplicateShare();
        if (resend) {
            pendingResends.add(new long[] {seq + profile.resendAfterEvents(), seq});
        }
        return new ClickEvent.Fresh(seq, event, anomaly, resend);
    }

    private Optional<Anomaly> drawAnomaly() {
        double u = rng.nextDouble();
        if (u < profile.invalidShare()) {
            return Optional.of(Draw.oneOf(rng, INVALID_KINDS));
        }
        u -= profile.invalidShare();
        if (u < profile.lateShare()) {
            return Optional.of(Anomaly.LATE);
        }
        u -= profile.lateShare();
        if (u < profile.outOfOrderShare()) {
            return Optional.of(Anomaly.OUT_OF_ORDER);
        }
        return Optional.empty();
    }

    /** A valid on-time event; a purchase when the anomaly is about purchase fields. */
    private WebEvent baseEvent(Anomaly anomaly) {
        boolean purchaseOnly = anomaly == Anomaly.NON_POSITIVE_PRICE || anomaly == Anomaly.NON_POSITIVE_QUANTITY;
        String type = purchaseOnly ? PURCHASE : EVENT_TYPES.get(Draw.weighted(rng, EVENT_TYPE_WEIGHTS));
        int product = Draw.skewedIndex(rng, profile.products());
        Integer quantity = type.equals(PAGE_VIEW) ? null : Draw.between(rng, 1, 3);
        String campaign = rng.nextInt(10) < 7 ? null : Draw.oneOf(rng, CAMPAIGNS);
        return new WebEvent(Draw.uuid(rng), userId(Draw.skewedIndex(rng, profile.users())), product, null, type,
                catalog.product(product).unitPrice(), quantity, CURRENCY, Duration.ZERO,
                COUNTRIES.get(Draw.weighted(rng, COUNTRY_WEIGHTS)), DEVICES.get(Draw.weighted(rng, DEVICE_WEIGHTS)),
                campaign);
    }

    private WebEvent apply(Anomaly anomaly, WebEvent e) {
        return switch (anomaly) {
            case OUT_OF_ORDER -> e.withTsOffset(pastBetween(Duration.ofSeconds(1), profile.outOfOrderSpread()));
            case LATE -> e.withTsOffset(pastBetween(profile.latenessMin(), profile.latenessMax()));
            case BAD_EVENT_ID -> e.withEventId("evt-" + Long.toHexString(rng.nextLong()));
            case UNKNOWN_EVENT_TYPE -> e.withEventType(Draw.oneOf(rng, UNKNOWN_EVENT_TYPES));
            case MISSING_USER_ID -> e.withUserId(null);
            case NON_POSITIVE_PRICE -> e.withPrice(rng.nextBoolean() ? new BigDecimal("0.00") : e.price().negate());
            case NON_POSITIVE_QUANTITY -> e.withQuantity(-rng.nextInt(3));
            case BAD_CURRENCY -> e.withCurrency(Draw.oneOf(rng, BAD_CURRENCIES));
            case BAD_COUNTRY -> e.withCountry(Draw.oneOf(rng, BAD_COUNTRIES));
            case FUTURE_TS -> e.withTsOffset(Duration.ofDays(2).plusMinutes(rng.nextInt(24 * 60)));
            case NULL_TS -> e.withTsOffset(null);
            case NON_NUMERIC_PRODUCT_ID -> e.withProductText("sku-" + Long.toString(rng.nextLong() >>> 28, 36));
            case DUPLICATE -> throw new IllegalArgumentException("duplicates are re-sends, not fresh events");
        };
    }

    /** A negative offset between min and max ago, millisecond resolution. */
    private Duration pastBetween(Duration min, Duration max) {
        long span = max.toMillis() - min.toMillis();
        return Duration.ofMillis(-(min.toMillis() + (span == 0 ? 0 : rng.nextLong(span + 1))));
    }

    static String userId(int index) {
        return String.format("user-%06d", index + 1);
    }
}
