package io.medallion.silver.topology;

import io.medallion.avro.silver.EventType;
import io.medallion.avro.silver.QuarantineKey;
import io.medallion.avro.silver.QuarantineRecord;
import io.medallion.avro.silver.WebEvent;
import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The clickstream rule table, one rule at a time, through the whole topology. */
class ClickstreamValidationTopologyTest {

    private final SilverDriver silver = new SilverDriver();
    private long nextId = 1;

    @AfterEach
    void close() {
        silver.close();
    }

    private void pipe(Map<String, Object> overrides) {
        long id = nextId++;
        Map<String, Object> row = Samples.row("web_events", id);
        row.putAll(overrides);
        silver.pipe("web_events", id, Cdc.insert("web_events", Cdc.row("web_events", row), 1000 + id, Samples.COMMIT));
    }

    /** The reasons the event with these columns is quarantined for; none when it reached silver. */
    private List<String> reasons(Map<String, Object> overrides) {
        int before = silver.quarantine().size();
        pipe(overrides);
        List<KeyValue<QuarantineKey, QuarantineRecord>> q = silver.quarantine();
        return q.size() == before ? List.of() : q.get(q.size() - 1).value.getValidationErrors();
    }

    private List<String> reasons(String column, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(column, value);
        return reasons(m);
    }

    @Test
    void aValidEventReachesSilverTypedAndKeyedByEventId() {
        pipe(Map.of("event_type", "purchase", "price", "24.5", "quantity", 3, "product_id", "77"));

        List<KeyValue<String, WebEvent>> out = silver.silver(silver.entities.clickstream());
        assertThat(out).hasSize(1);
        WebEvent e = out.get(0).value;
        assertThat(out.get(0).key).isEqualTo(Samples.eventId(1)).isEqualTo(e.getEventId());
        assertThat(e.getEventType()).isEqualTo(EventType.purchase);
        assertThat(e.getPrice()).isEqualTo(new BigDecimal("24.50"));
        assertThat(e.getQuantity()).isEqualTo(3);
        assertThat(e.getProductId()).isEqualTo(77L);
        assertThat(e.getTs()).isEqualTo(Samples.T0);
        assertThat(e.getSourceLsn()).isEqualTo(1001L);
        assertThat(e.getSourceTs()).isEqualTo(Samples.COMMIT);
        assertThat(e.getProcessingTs()).isEqualTo(SilverDriver.PROCESSED_AT);
        assertThat(silver.quarantine()).isEmpty();
    }

    @Test
    void eventIdIsRequired() {
        assertThat(reasons("event_id", null)).containsExactly("event_id: is required");
    }

    @Test
    void eventIdMustBeAUuid() {
        assertThat(reasons("event_id", "evt-123")).containsExactly("event_id: must be a UUID, was 'evt-123'");
    }

    @Test
    void userIdIsRequired() {
        assertThat(reasons("user_id", "")).containsExactly("user_id: is required");
    }

    @Test
    void eventTypeIsRequiredAndOneOfTheThree() {
        assertThat(reasons("event_type", null)).containsExactly("event_type: is required");
        assertThat(reasons("event_type", "checkout"))
                .containsExactly("event_type: must be one of [page_view, add_to_cart, purchase], was 'checkout'");
    }

    @Test
    void productIdMustBeNumericText() {
        assertThat(reasons("product_id", "SKU-9")).containsExactly("product_id: must be a numeric id, was 'SKU-9'");
        assertThat(reasons("product_id", null)).isEmpty();
    }

    @Test
    void priceHasAtMostTwoDecimals() {
        assertThat(reasons("price", "9.999")).containsExactly("price: must have at most 2 decimals, was '9.999'");
        assertThat(reasons("price", "9.990")).isEmpty();
    }

    @Test
    void priceAndQuantityAreNeverNegative() {
        assertThat(reasons("price", "-1")).containsExactly("price: must not be negative, was '-1'");
        assertThat(reasons("quantity", -1)).containsExactly("quantity: must not be negative, was '-1'");
    }

    @Test
    void aPurchaseNeedsAPositivePrice() {
        assertThat(reasons(Map.of("event_type", "purchase", "price", "0")))
                .containsExactly("price: must be positive when event_type is purchase, was '0'");
        Map<String, Object> noPrice = new HashMap<>(Map.of("event_type", "purchase"));
        noPrice.put("price", null);
        assertThat(reasons(noPrice)).containsExactly("price: is required when event_type is purchase");
    }

    @Test
    void aPurchaseNeedsAPositiveQuantity() {
        assertThat(reasons(Map.of("event_type", "purchase", "quantity", 0)))
                .containsExactly("quantity: must be positive when event_type is purchase, was '0'");
    }

    @Test
    void aPurchaseNeedsACurrency() {
        Map<String, Object> noCurrency = new HashMap<>(Map.of("event_type", "purchase"));
        noCurrency.put("currency", null);
        assertThat(reasons(noCurrency)).containsExactly("currency: is required when event_type is purchase");
    }

    @Test
    void aPageViewNeedsNeitherPriceNorQuantity() {
        Map<String, Object> bare = new HashMap<>();
        bare.put("price", null);
        bare.put("quantity", null);
        bare.put("currency", null);
        assertThat(reasons(bare)).isEmpty();
    }

    @Test
    void currencyIsAnIso4217Code() {
        assertThat(reasons("currency", "XBT")).containsExactly("currency: must be an ISO 4217 currency code, was 'XBT'");
    }

    @Test
    void countryIsAnIso3166Alpha2Code() {
        assertThat(reasons("country", "UK")).containsExactly("country: must be an ISO 3166-1 alpha-2 country code, was 'UK'");
        assertThat(reasons("country", "GB")).isEmpty();
    }

    @Test
    void eventTimeIsRequired() {
        assertThat(reasons("ts", null)).containsExactly("ts: is required");
    }

    @Test
    void eventTimeMayLieAtMostFiveMinutesAfterTheSourceCommit() {
        assertThat(reasons("ts", Samples.COMMIT.plus(Duration.ofMinutes(5)))).isEmpty();
        assertThat(reasons("ts", Samples.COMMIT.plus(Duration.ofMinutes(6)))).containsExactly(
                "ts: must not be more than 5m after the source commit time 2025-06-01T12:00:01Z, was '2025-06-01T12:06:01Z'");
    }

    @Test
    void aRecordBreakingSeveralRulesGetsEveryReason() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("event_id", "not-a-uuid");
        bad.put("user_id", null);
        bad.put("event_type", "purchase");
        bad.put("price", "-3.999");
        bad.put("quantity", 0);
        bad.put("currency", "EURO");
        bad.put("country", "Germany");
        bad.put("ts", Samples.COMMIT.plus(Duration.ofHours(1)));

        assertThat(reasons(bad)).containsExactlyInAnyOrder(
                "event_id: must be a UUID, was 'not-a-uuid'",
                "user_id: is required",
                "price: must have at most 2 decimals, was '-3.999'",
                "price: must not be negative, was '-3.999'",
                "quantity: must be positive when event_type is purchase, was '0'",
                "price: must be positive when event_type is purchase, was '-3.999'",
                "currency: must be an ISO 4217 currency code, was 'EURO'",
                "country: must be an ISO 3166-1 alpha-2 country code, was 'Germany'",
                "ts: must not be more than 5m after the source commit time 2025-06-01T12:00:01Z, was '2025-06-01T13:00:01Z'");
        assertThat(silver.silver(silver.entities.clickstream())).isEmpty();
        assertThat(silver.counters().quarantined()).containsEntry("web_events", 1L);
    }
}
