package io.medallion.silver.pii;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Replaces personal data by keyed tokens: {@code hex(HMAC-SHA-256(key, kind ":" normalized))},
 * 64 lower-case hex characters. The same input (after {@link PiiKind} normalization) always
 * gives the same token under the same key, so tokens can be joined across records and tables;
 * without the key a token cannot be reversed or recomputed from a guessed value. Thread-safe.
 */
public final class PiiTokenizer {

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final ThreadLocal<Mac> macs;

    public PiiTokenizer(HmacKey key) {
        SecretKeySpec spec = new SecretKeySpec(key.bytes(), ALGORITHM);
        newMac(spec);
        this.macs = ThreadLocal.withInitial(() -> newMac(spec));
    }

    /** The token of a personal value, or null when the value is null or normalizes to nothing. */
    public String token(PiiKind kind, String raw) {
        if (raw == null) {
            return null;
        }
        String normalized = kind.normalize(raw);
        if (normalized.isEmpty()) {
            return null;
        }
        byte[] digest = macs.get().doFinal((kind.label() + ":" + normalized).getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest);
    }

    /** The domain of an e-mail address, lower case; null when there is no {@code @domain} part. */
    public static String emailDomain(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        String domain = at < 0 ? "" : email.substring(at + 1).trim().toLowerCase(Locale.ROOT);
        return domain.isEmpty() ? null : domain;
    }

    private static Mac newMac(SecretKeySpec spec) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(spec);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
        }
    }
}
