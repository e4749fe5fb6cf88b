package io.medallion.silver.validate;

import io.medallion.avro.silver.EventType;
import io.medallion.silver.fixtures.Samples;
import io.medallion.silver.source.Op;
import io.medallion.silver.source.Row;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.medallion.silver.validate.Rules.decimal;
import static io.medallion.silver.validate.Rules.email;
import static io.medallion.silver.validate.Rules.is;
import static io.medallion.silver.validate.Rules.isoCountry;
import static io.medallion.silver.validate.Rules.isoCurrency;
import static io.medallion.silver.validate.Rules.notAfterCommit;
import static io.medallion.silver.validate.Rules.notNegative;
import static io.medallion.silver.validate.Rules.numericId;
import static io.medallion.silver.validate.Rules.oneOf;
import static io.medallion.silver.validate.Rules.phone;
import static io.medallion.silver.validate.Rules.positive;
import static io.medallion.silver.validate.Rules.required;
import static io.medallion.silver.validate.Rules.uuid;
import static io.medallion.silver.validate.Rules.when;
import static org.assertj.core.api.Assertions.assertThat;

/** Each rule of the vocabulary alone, on clickstream rows (text columns, as the tracker writes them). */
class RulesTest {

    private static List<String> check(Rule rule, String column, Object value) {
        return check(rule, column, value, Set.of());
    }

    private static List<String> check(Rule rule, String column, Object value, Set<String> personal) {
        RowContext in = new RowContext(Op.CREATE, "c", new Row(Samples.with("web_events", 1, column, value)), 1L,
                Samples.COMMIT.toEpochMilli());
        Findings f = new Findings(personal);
        rule.check(in, f);
        return f.reasons();
    }

    @Test
    void requiredRejectsNullAndBlank() {
        assertThat(check(required("user_id"), "user_id", null)).containsExactly("user_id: is required");
        assertThat(check(required("user_id"), "user_id", " ")).containsExactly("user_id: is required");
        assertThat(check(required("user_id"), "user_id", "u-1")).isEmpty();
    }

    @Test
    void otherRulesPassAMissingValue() {
        assertThat(check(uuid("event_id"), "event_id", null)).isEmpty();
        assertThat(check(positive("quantity"), "quantity", null)).isEmpty();
        assertThat(check(isoCountry("country"), "country", null)).isEmpty();
    }

    @Test
    void uuidNeedsTheCanonicalForm() {
        assertThat(check(uuid("event_id"), "event_id", "6F9619FF-8B86-D011-B42D-00C04FC964FF")).isEmpty();
        assertThat(check(uuid("event_id"), "event_id", "1-1-1-1-1"))
                .containsExactly("event_id: must be a UUID, was '1-1-1-1-1'");
        assertThat(check(uuid("event_id"), "event_id", "6F9619FF8-B86-D011-B42D-00C04FC964FF")).hasSize(1);
        assertThat(check(uuid("event_id"), "event_id", "6F9619FF-8B86-D011-B42D-00C04FC964FG")).hasSize(1);
        assertThat(check(uuid("event_id"), "event_id", "6F9619FF-8B86-D011-B42D-00C04FC964FF0")).hasSize(1);
    }

    @Test
    void currencyIsAnIso4217Code() {
        assertThat(check(isoCurrency("currency"), "currency", "CHF")).isEmpty();
        assertThat(check(isoCurrency("currency"), "currency", "EURO"))
                .containsExactly("currency: must be an ISO 4217 currency code, was 'EURO'");
        assertThat(check(isoCurrency("currency"), "currency", "eur")).hasSize(1);
    }

    @Test
    void countryIsAnIso3166Alpha2Code() {
        assertThat(check(isoCountry("country"), "country", "NL")).isEmpty();
        assertThat(check(isoCountry("country"), "country", "XX"))
                .containsExactly("country: must be an ISO 3166-1 alpha-2 country code, was 'XX'");
        assertThat(check(isoCountry("country"), "country", "NLD")).hasSize(1);
    }

    @Test
    void enumerationsAreTheSymbolsOfTheAvroEnum() {
        assertThat(check(oneOf("event_type", EventType.class), "event_type", "add_to_cart")).isEmpty();
        assertThat(check(oneOf("event_type", EventType.class), "event_type", "click"))
                .containsExactly("event_type: must be one of [page_view, add_to_cart, purchase], was 'click'");
    }

    @Test
    void numericIdIsAPositiveWholeNumberInText() {
        assertThat(check(numericId("product_id"), "product_id", "42")).isEmpty();
        assertThat(check(numericId("product_id"), "product_id", "sku-42"))
                .containsExactly("product_id: must be a numeric id, was 'sku-42'");
        assertThat(check(numericId("product_id"), "product_id", "0")).hasSize(1);
        assertThat(check(numericId("product_id"), "product_id", "99999999999999999999")).hasSize(1);
    }

    @Test
    void decimalAllowsTrailingZerosBeyondTheScaleButNoMoreDigits() {
        assertThat(check(decimal("price", 12, 2), "price", "19.990")).isEmpty();
        assertThat(check(decimal("price", 12, 2), "price", "19.999"))
                .containsExactly("price: must have at most 2 decimals, was '19.999'");
        assertThat(check(decimal("price", 12, 2), "price", "12345678901.5"))
                .containsExactly("price: must have at most 10 digits before the decimal point, was '12345678901.5'");
        assertThat(check(decimal("price", 12, 2), "price", "abc"))
                .containsExactly("price: must be a decimal number, was 'abc'");
    }

    @Test
    void positiveAndNotNegative() {
        assertThat(check(positive("quantity"), "quantity", 0)).containsExactly("quantity: must be positive, was '0'");
        assertThat(check(positive("price"), "price", "-1.50")).containsExactly("price: must be positive, was '-1.50'");
        assertThat(check(notNegative("quantity"), "quantity", 0)).isEmpty();
        assertThat(check(notNegative("quantity"), "quantity", -2)).containsExactly("quantity: must not be negative, was '-2'");
    }

    @Test
    void timestampsMayLieAtMostTheSkewAfterTheSourceCommit() {
        Rule rule = notAfterCommit("ts", Duration.ofMinutes(5));

        assertThat(check(rule, "ts", Samples.COMMIT.plus(Duration.ofMinutes(5)))).isEmpty();
        assertThat(check(rule, "ts", Samples.COMMIT.minus(Duration.ofDays(30)))).isEmpty();
        assertThat(check(rule, "ts", Samples.COMMIT.plus(Duration.ofMinutes(5)).plusMillis(1))).containsExactly(
                "ts: must not be more than 5m after the source commit time 2025-06-01T12:00:01Z, was '2025-06-01T12:05:01.001Z'");
    }

    @Test
    void emailAndPhoneFormats() {
        assertThat(check(email("user_id"), "user_id", "a.b@example.org")).isEmpty();
        assertThat(check(email("user_id"), "user_id", "a.b@example")).hasSize(1);
        assertThat(check(phone("user_id"), "user_id", "+31 (20) 555-0199")).isEmpty();
        assertThat(check(phone("user_id"), "user_id", "call me")).containsExactly("user_id: must have 6 to 15 digits, was 'call me'");
    }

    @Test
    void personalValuesAreNeverEchoed() {
        assertThat(check(email("user_id"), "user_id", "secret.person@nowhere", Set.of("user_id")))
                .containsExactly("user_id: must be an e-mail address (value withheld: personal data)");
    }

    @Test
    void conditionalRulesApplyOnlyWhenTheConditionHoldsAndSaySo() {
        Rule rule = when(is("event_type", "page_view"), required("campaign"), positive("quantity"));

        RowContext view = new RowContext(Op.CREATE, "c", new Row(Samples.with("web_events", 1, "campaign", null)), 1L, 0L);
        Findings f = new Findings(Set.of());
        rule.check(view, f);
        assertThat(f.reasons()).containsExactly("campaign: is required when event_type is page_view");

        RowContext purchase = new RowContext(Op.CREATE, "c", new Row(Samples.with("web_events", 1, "event_type", "purchase")), 1L, 0L);
        Findings none = new Findings(Set.of());
        when(is("event_type", "page_view"), required("nothing_here")).check(purchase, none);
        assertThat(none.reasons()).isEmpty();
    }

    @Test
    void aColumnOfTheWrongTypeIsAFindingNotAnException() {
        assertThat(check(uuid("quantity"), "quantity", 3)).containsExactly("quantity: must be text");
        assertThat(check(notAfterCommit("user_id", Duration.ZERO), "user_id", "yesterday"))
                .containsExactly("user_id: must be a timestamp");
    }
}
