package io.medallion.registry.tls;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

/**
 * Key and trust stores named by settings ({@code <prefix>.location}, {@code .password},
 * {@code .type}) turned into an {@link SSLContext}. A store that cannot be read is a
 * {@link ConfigException} naming its location key, raised at start.
 */
public final class KeyStores {

    private KeyStores() {
    }

    /**
     * The store configured under {@code prefix} ({@code prefix + "location"} etc.), or empty when
     * no location is set. The type defaults to the JDK's (PKCS12).
     */
    public static Optional<KeyStore> load(Settings settings, String prefix) {
        String locationKey = prefix + "location";
        Optional<String> location = settings.optional(locationKey);
        if (location.isEmpty()) {
            return Optional.empty();
        }
        String type = settings.string(prefix + "type", KeyStore.getDefaultType());
        char[] password = settings.optional(prefix + "password").map(String::toCharArray).orElse(null);
        try (InputStream in = Files.newInputStream(Path.of(location.get()))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            return Optional.of(store);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(locationKey, "cannot load " + type + " store '" + location.get() + "': " + e.getMessage(), e);
        }
    }

    /**
     * A TLS context presenting the key store's key (when given) and trusting the trust store's
     * certificates (the JDK's default authorities when not given).
     *
     * @param keyPassword password of the private key; null to use the key store's
     */
    public static SSLContext sslContext(Optional<KeyStore> keyStore, char[] keyPassword, Optional<KeyStore> trustStore) {
        try {
            KeyManagerFactory kmf = null;
            if (keyStore.isPresent()) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore.get(), keyPassword);
            }
            TrustManagerFactory tmf = null;
            if (trustStore.isPresent()) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore.get());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot build a TLS context: " + e.getMessage(), e);
        }
    }
}
