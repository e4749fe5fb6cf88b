package io.medallion.silver.pii;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The secret HMAC key for PII tokens. Never printed: {@link #toString()} is redacted so a
 * configuration record holding it can be logged.
 */
public final class HmacKey {

    /** HMAC-SHA-256 keys shorter than the hash output weaken it (RFC 2104 section 3). */
    public static final int MIN_BYTES = 32;

    /** The fixed key of {@code medallion.profile=local}: public, so its tokens protect nothing. */
    static final String DEV_KEY = "medallion-local-profile-development-key-not-a-secret";

    private final byte[] bytes;
    private final boolean development;

    private HmacKey(byte[] bytes, boolean development) {
        this.bytes = bytes.clone();
        this.development = development;
    }

    /** A key from its UTF-8 text; the caller checks {@link #MIN_BYTES}. */
    public static HmacKey of(String secret) {
        return new HmacKey(secret.getBytes(StandardCharsets.UTF_8), false);
    }

    public static HmacKey development() {
        return new HmacKey(DEV_KEY.getBytes(StandardCharsets.UTF_8), true);
    }

    public int length() {
        return bytes.length;
    }

    /** Whether this is the public development key of the local profile. */
    public boolean isDevelopment() {
        return development;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HmacKey other && Arrays.equals(bytes, other.bytes) && development == other.development;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return development ? "HmacKey[development key]" : "HmacKey[redacted, " + bytes.length + " bytes]";
    }
}
