package io.medallion.registry.client;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import io.medallion.registry.tls.KeyStores;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the REST client, read from the keys Confluent's clients use. Built once, at
 * configure time: a bad value throws a {@link ConfigException} naming the key.
 *
 * @param urls           registry base URLs, tried in turn (fail-over); user info stripped
 * @param userInfo       {@code user:password} for HTTP basic auth
 * @param sslContext     for {@code https} URLs; empty uses the JDK's default trust
 * @param verifyHostname check the server certificate against the host name
 *                       ({@code schema.registry.ssl.endpoint.identification.algorithm=https}, the default)
 */
public record RegistryClientConfig(List<URI> urls, Optional<String> userInfo, Optional<SSLContext> sslContext,
                                   boolean verifyHostname, RetryPolicy retry, Duration connectTimeout,
                                   Duration readTimeout) {

    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String SSL_PREFIX = "schema.registry.ssl.";
    public static final String SSL_TRUSTSTORE_PREFIX = SSL_PREFIX + "truststore.";
    public static final String SSL_KEYSTORE_PREFIX = SSL_PREFIX + "keystore.";
    public static final String SSL_KEY_PASSWORD = SSL_PREFIX + "key.password";
    public static final String SSL_ENDPOINT_IDENTIFICATION = SSL_PREFIX + "endpoint.identification.algorithm";
    public static final String RETRIES_MAX = "schema.registry.retries.max";
    public static final String RETRIES_BACKOFF_MS = "schema.registry.retries.backoff.ms";
    public static final String RETRIES_BACKOFF_MAX_MS = "schema.registry.retries.backoff.max.ms";
    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";

    /** Confluent's own names for the retry settings, accepted as aliases. */
    static final String CONFLUENT_MAX_RETRIES = "max.retries";
    static final String CONFLUENT_RETRIES_WAIT_MS = "retries.wait.ms";
    static final String CONFLUENT_RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";

    public RegistryClientConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one URL");
        }
        Objects.requireNonNull(userInfo, "userInfo");
        Objects.requireNonNull(sslContext, "sslContext");
        Objects.requireNonNull(retry, "retry");
    }

    public static RegistryClientConfig from(Map<String, ?> configs) {
        Settings settings = ConfigMaps.settings(configs);
        List<URI> urls = new ArrayList<>();
        Optional<String> urlUserInfo = Optional.empty();
        for (String text : settings.list(URL, List.of())) {
            URI uri = parseUrl(text);
            if (uri.getUserInfo() != null) {
                urlUserInfo = Optional.of(uri.getUserInfo());
            }
            urls.add(withoutUserInfo(uri));
        }
        if (urls.isEmpty()) {
            throw new ConfigException(URL, "is required: one or more comma-separated registry URLs");
        }

        String source = settings.string(BASIC_AUTH_CREDENTIALS_SOURCE, "URL").toUpperCase(Locale.ROOT);
        Optional<String> userInfo = switch (source) {
            case "URL" -> urlUserInfo;
            case "USER_INFO" -> {
                String info = settings.string(BASIC_AUTH_USER_INFO);
                if (!info.contains(":")) {
                    throw new ConfigException(BASIC_AUTH_USER_INFO, "must be user:password");
                }
                yield Optional.of(info);
            }
            default -> throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, "must be URL or USER_INFO, was '" + source + "'");
        };

        String maxRetriesKey = ConfigMaps.presentKey(settings, RETRIES_MAX, CONFLUENT_MAX_RETRIES);
        String backoffKey = ConfigMaps.presentKey(settings, RETRIES_BACKOFF_MS, CONFLUENT_RETRIES_WAIT_MS);
        String backoffMaxKey = ConfigMaps.presentKey(settings, RETRIES_BACKOFF_MAX_MS, CONFLUENT_RETRIES_MAX_WAIT_MS);
        int maxRetries = settings.intValue(maxRetriesKey, 3, 0, 100);
        long backoff = settings.longValue(backoffKey, 1000, 0, 600_000);
        long backoffMax = settings.longValue(backoffMaxKey, Math.max(20_000, backoff), 0, 3_600_000);
        if (backoffMax < backoff) {
            throw new ConfigException(backoffMaxKey, "must be at least " + backoffKey + " (" + backoff + ")");
        }
        RetryPolicy retry = new RetryPolicy(maxRetries, Duration.ofMillis(backoff), Duration.ofMillis(backoffMax));

        Duration connectTimeout = Duration.ofMillis(settings.longValue(CONNECT_TIMEOUT_MS, 10_000, 1, Integer.MAX_VALUE));
        Duration readTimeout = Duration.ofMillis(settings.longValue(READ_TIMEOUT_MS, 30_000, 1, Integer.MAX_VALUE));

        String algorithm = settings.asMap().getOrDefault(SSL_ENDPOINT_IDENTIFICATION, "https").trim();
        if (!algorithm.isEmpty() && !algorithm.equalsIgnoreCase("https")) {
            throw new ConfigException(SSL_ENDPOINT_IDENTIFICATION, "must be https or empty, was '" + algorithm + "'");
        }
        return new RegistryClientConfig(urls, userInfo, sslContext(settings), !algorithm.isEmpty(), retry,
                connectTimeout, readTimeout);
    }

    private static Optional<SSLContext> sslContext(Settings settings) {
        var trustStore = KeyStores.load(settings, SSL_TRUSTSTORE_PREFIX);
        var keyStore = KeyStores.load(settings, SSL_KEYSTORE_PREFIX);
        if (trustStore.isEmpty() && keyStore.isEmpty()) {
            return Optional.empty();
        }
        char[] keyPassword = settings.optional(SSL_KEY_PASSWORD)
                .or(() -> settings.optional(SSL_KEYSTORE_PREFIX + "password"))
                .map(String::toCharArray).orElse(null);
        try {
            return Optional.of(KeyStores.sslContext(keyStore, keyPassword, trustStore));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(keyStore.isPresent() ? SSL_KEY_PASSWORD : SSL_TRUSTSTORE_PREFIX + "location",
                    e.getMessage(), e);
        }
    }

    private static URI parseUrl(String text) {
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ConfigException(URL, "must list http(s)://host[:port] URLs (or one mock://scope), was '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(URL, "is not a URL: '" + text + "'", e);
        }
    }

    private static URI withoutUserInfo(URI uri) {
        String base = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }
}
