package io.medallion.bench.fleet.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PiiMatcherTest {

    @Test
    void findsOverlappingValuesAsWholeTokensOnly() {
        PiiMatcher m = new PiiMatcher(List.of("he", "she", "hers", "ushers"));
        assertThat(m.find("ushers")).contains("ushers");
        assertThat(m.findAll("she, hers and he")).containsExactly("she", "hers", "he");
        assertThat(m.find("theme")).isEmpty();
    }

    @Test
    void isCaseSensitiveAndTreatsPunctuationAsABoundary() {
        PiiMatcher m = new PiiMatcher(List.of("Ada", "ada@example.com"));
        assertThat(m.find("3fada9")).isEmpty();
        assertThat(m.find("\"Ada\"")).contains("Ada");
        assertThat(m.find("mail:ada@example.com;")).contains("ada@example.com");
        assertThat(m.find(null)).isEmpty();
        assertThat(new PiiMatcher(List.of()).find("anything")).isEmpty();
    }

    @Test
    void failureLinksFindAValueAfterAPartialMatch() {
        PiiMatcher m = new PiiMatcher(List.of("abcd", "bce"));
        assertThat(m.find("x abce y")).isEmpty();
        assertThat(m.find("a bce")).contains("bce");
        assertThat(m.find("abce")).isEmpty();
    }
}
