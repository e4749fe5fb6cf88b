package io.medallion.silver.pii;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The kinds of personal data silver tokenizes, each with its normalization: the same person
 * written slightly differently gets the same token, so tokens stay joinable across tables.
 */
public enum PiiKind {
    /** Names: Unicode NFKC, trimmed, inner whitespace collapsed to one space, lower case. */
    NAME("name") {
        @Override
        String normalize(String raw) {
            return Normalizer.normalize(raw, Normalizer.Form.NFKC).trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        }
    },
    /** E-mail addresses: trimmed, lower case. */
    EMAIL("email") {
        @Override
        String normalize(String raw) {
            return raw.trim().toLowerCase(Locale.ROOT);
        }
    },
    /** Phone numbers: the digits only. */
    PHONE("phone") {
        @Override
        String normalize(String raw) {
            StringBuilder digits = new StringBuilder(raw.length());
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits.append(c);
                }
            }
            return digits.toString();
        }
    };

    private final String label;

    PiiKind(String label) {
        this.label = label;
    }

    /** Prefixed to the HMAC input, so a name and an e-mail equal as text never share a token. */
    public String label() {
        return label;
    }

    abstract String normalize(String raw);
}
