package io.medallion.silver.pii;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class PiiTokenizerTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    private final PiiTokenizer tokenizer = new PiiTokenizer(HmacKey.of(SECRET));

    @Test
    void theTokenIsTheHmacSha256OfKindAndNormalizedValue() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("email:ann@example.org".getBytes(StandardCharsets.UTF_8)));

        assertThat(tokenizer.token(PiiKind.EMAIL, "ann@example.org")).isEqualTo(expected).hasSize(64);
    }

    @Test
    void theSameInputGivesTheSameTokenAfterNormalization() {
        assertThat(tokenizer.token(PiiKind.EMAIL, "  Ann@Example.ORG ")).isEqualTo(tokenizer.token(PiiKind.EMAIL, "ann@example.org"));
        assertThat(tokenizer.token(PiiKind.PHONE, "+31 (20) 555-0199")).isEqualTo(tokenizer.token(PiiKind.PHONE, "31205550199"));
        assertThat(tokenizer.token(PiiKind.NAME, " Anna   Maria ")).isEqualTo(tokenizer.token(PiiKind.NAME, "anna maria"));
        assertThat(tokenizer.token(PiiKind.NAME, "Ａｎｎａ")).isEqualTo(tokenizer.token(PiiKind.NAME, "anna"));
    }

    @Test
    void differentValuesKindsAndKeysGiveDifferentTokens() {
        assertThat(tokenizer.token(PiiKind.EMAIL, "ann@example.org")).isNotEqualTo(tokenizer.token(PiiKind.EMAIL, "anne@example.org"));
        assertThat(tokenizer.token(PiiKind.NAME, "ann")).isNotEqualTo(tokenizer.token(PiiKind.EMAIL, "ann"));
        assertThat(new PiiTokenizer(HmacKey.of(SECRET + "-other")).token(PiiKind.EMAIL, "ann@example.org"))
                .isNotEqualTo(tokenizer.token(PiiKind.EMAIL, "ann@example.org"));
    }

    @Test
    void nothingToTokenizeGivesNoToken() {
        assertThat(tokenizer.token(PiiKind.PHONE, null)).isNull();
        assertThat(tokenizer.token(PiiKind.PHONE, "n/a")).isNull();
        assertThat(tokenizer.token(PiiKind.NAME, "   ")).isNull();
    }

    @Test
    void theEmailDomainStaysReadableInLowerCase() {
        assertThat(PiiTokenizer.emailDomain("Ann@Example.ORG")).isEqualTo("example.org");
        assertThat(PiiTokenizer.emailDomain("no-at-sign")).isNull();
        assertThat(PiiTokenizer.emailDomain(null)).isNull();
    }

    @Test
    void theKeyIsNeverPrinted() {
        assertThat(HmacKey.of(SECRET).toString()).doesNotContain(SECRET).contains("redacted");
        assertThat(HmacKey.development().isDevelopment()).isTrue();
    }

    @Test
    void tokensAreStableAcrossThreads() throws Exception {
        String expected = tokenizer.token(PiiKind.EMAIL, "ann@example.org");
        String[] fromOtherThread = new String[1];
        Thread t = new Thread(() -> fromOtherThread[0] = tokenizer.token(PiiKind.EMAIL, "ann@example.org"));
        t.start();
        t.join();
        assertThat(fromOtherThread[0]).isEqualTo(expected);
    }
}
