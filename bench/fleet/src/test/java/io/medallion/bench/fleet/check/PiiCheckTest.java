package io.medallion.bench.fleet.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PiiCheckTest {

    private static final List<String> PERSONAL = List.of("Anna", "Martin", "anna.martin1@example.com", "+33 612 345 678");
    private static final List<String> NON_PERSONAL = List.of("Martin Trading 1 GmbH", "Compact Lamp 3");

    private static PiiCheck.Source strings(String... texts) {
        return visitor -> {
            for (String t : texts) {
                visitor.accept(new PiiCheck.Scanned("silver/customers/part-0.parquet email_token", t));
            }
        };
    }

    @Test
    void tokensAndLegitimateTextPass() {
        CheckResult r = PiiCheck.evaluate(PERSONAL, NON_PERSONAL,
                strings("3f9a0c1e5d7b2a4c6e8f0a1b3c5d7e9f", "example.com", "Martin Trading 1 GmbH", "Leather bag"), 1);
        assertThat(r.passed()).as(r.line()).isTrue();
        assertThat(r.figures()).containsEntry("left out as ambiguous", 1L).containsEntry("personal values searched", 3L);
    }

    @Test
    void aRawValueInsideJsonFailsWithoutEchoingIt() {
        CheckResult r = PiiCheck.evaluate(PERSONAL, NON_PERSONAL,
                strings("{\"customer_id\":1,\"email\":\"anna.martin1@example.com\"}"), 1);
        assertThat(r.passed()).isFalse();
        assertThat(r.problems()).singleElement().asString().contains("silver/customers").doesNotContain("anna.martin1");
    }

    @Test
    void aPhoneNumberAndANameAreFoundAsWholeTokens() {
        assertThat(PiiCheck.evaluate(PERSONAL, NON_PERSONAL, strings("call +33 612 345 678 now"), 1).passed()).isFalse();
        assertThat(PiiCheck.evaluate(PERSONAL, NON_PERSONAL, strings("first_name: Anna"), 1).passed()).isFalse();
        assertThat(PiiCheck.evaluate(PERSONAL, NON_PERSONAL, strings("Annabel"), 1).passed()).isTrue();
    }

    @Test
    void nothingToSearchOrScanIsAFailure() {
        assertThat(PiiCheck.evaluate(List.of(), NON_PERSONAL, strings("x"), 1).passed()).isFalse();
        assertThat(PiiCheck.evaluate(PERSONAL, NON_PERSONAL, strings(), 0).passed()).isFalse();
    }

    @Test
    void masksKeepOnlyAHint() {
        assertThat(PiiCheck.mask("anna.martin1@example.com")).isEqualTo("an******@example.com");
        assertThat(PiiCheck.mask("Li")).isEqualTo("Li");
    }
}
