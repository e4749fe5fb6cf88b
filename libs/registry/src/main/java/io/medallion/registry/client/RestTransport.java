package io.medallion.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * JSON over HTTP(S) to one of several registry URLs. A transient failure (no connection, timeout,
 * 408, 429, 5xx) moves on to the next URL; when every URL failed in a round, the round is retried
 * after a backoff, up to the retry policy's limit. Anything else (4xx, TLS handshake failure)
 * fails at once: retrying cannot fix it.
 */
final class RestTransport {

    private static final Logger LOG = LoggerFactory.getLogger(RestTransport.class);
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final int MAX_ERROR_TEXT = 500;

    private final RegistryClientConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final Optional<String> authorization;
    private final SSLSocketFactory socketFactory;
    /** Index of the URL that answered last: later requests start there. */
    private volatile int preferred;

    RestTransport(RegistryClientConfig config) {
        this.config = config;
        this.authorization = config.userInfo().map(info ->
                "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        this.socketFactory = config.sslContext().map(c -> c.getSocketFactory()).orElse(null);
    }

    /** Percent-encodes one path segment (a subject may hold any character, '/' included). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    private JsonNode send(String method, String path, Object body) {
        byte[] payload = body == null ? null : encode(body);
        List<URI> urls = config.urls();
        RetryPolicy retry = config.retry();
        for (int round = 0; ; round++) {
            SchemaRegistryException last = null;
            int start = preferred;
            for (int i = 0; i < urls.size(); i++) {
                int index = (start + i) % urls.size();
                try {
                    JsonNode answer = once(urls.get(index), method, path, payload);
                    preferred = index;
                    return answer;
                } catch (SchemaRegistryException e) {
                    if (!e.retriable()) {
                        throw e;
                    }
                    LOG.debug("{} {} on {} failed: {}", method, path, urls.get(index), e.getMessage());
                    last = e;
                }
            }
            if (round >= retry.maxRetries()) {
                throw last;
            }
            Duration wait = retry.backoff(round + 1);
            LOG.warn("Schema registry {} {} failed ({}); retry {} of {} in {} ms", method, path, last.getMessage(),
                    round + 1, retry.maxRetries(), wait.toMillis());
            sleep(wait, last);
        }
    }

    private JsonNode once(URI base, String method, String path, byte[] payload) {
        HttpURLConnection opened = null;
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
            opened = connection;
            if (connection instanceof HttpsURLConnection https) {
                if (socketFactory != null) {
                    https.setSSLSocketFactory(socketFactory);
                }
                if (!config.verifyHostname()) {
                    https.setHostnameVerifier((host, session) -> true);
                }
            }
            connection.setConnectTimeout((int) config.connectTimeout().toMillis());
            connection.setReadTimeout((int) config.readTimeout().toMillis());
            connection.setUseCaches(false);
            connection.setRequestMethod(method);
            connection.setRequestProperty("Accept", ACCEPT);
            authorization.ifPresent(a -> connection.setRequestProperty("Authorization", a));
            if (payload != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", CONTENT_TYPE);
                connection.setFixedLengthStreamingMode(payload.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(payload);
                }
            }
            int status = connection.getResponseCode();
            byte[] answer = readAll(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
            if (status >= 200 && status < 300) {
                return answer.length == 0 ? NullNode.getInstance() : parse(base, status, answer);
            }
            throw error(base, status, answer);
        } catch (SSLException e) {
            throw new SchemaRegistryException(ErrorCodes.NO_RESPONSE, ErrorCodes.NO_RESPONSE,
                    "TLS with schema registry " + base + " failed: " + e.getMessage(), false, e);
        } catch (IOException e) {
            if (opened != null) {
                opened.disconnect();
            }
            throw new SchemaRegistryException(ErrorCodes.NO_RESPONSE, ErrorCodes.NO_RESPONSE,
                    "Cannot reach schema registry " + base + ": " + e, true, e);
        }
    }

    private JsonNode parse(URI base, int status, byte[] answer) {
        try {
            return json.readTree(answer);
        } catch (IOException e) {
            throw new SchemaRegistryException(status, ErrorCodes.INTERNAL_ERROR,
                    "Schema registry " + base + " answered " + status + " with a body that is not JSON: " + text(answer), false, e);
        }
    }

    private SchemaRegistryException error(URI base, int status, byte[] answer) {
        int code = status;
        String message = text(answer);
        try {
            JsonNode body = json.readTree(answer);
            if (body != null && body.has("error_code")) {
                code = body.get("error_code").asInt(status);
                message = body.path("message").asText(message);
            }
        } catch (IOException notJson) {
            // A proxy's HTML page: keep its text as the message.
        }
        return new SchemaRegistryException(status, code, message + " (HTTP " + status + " from " + base + ")");
    }

    private byte[] encode(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot encode request body", e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            return in.readAllBytes();
        }
    }

    private static String text(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8).strip();
        return s.length() > MAX_ERROR_TEXT ? s.substring(0, MAX_ERROR_TEXT) + "..." : s;
    }

    private static void sleep(Duration wait, SchemaRegistryException last) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            last.addSuppressed(e);
            throw last;
        }
    }
}
