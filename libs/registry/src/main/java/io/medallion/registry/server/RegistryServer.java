package io.medallion.registry.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.medallion.registry.client.ErrorCodes;
import io.medallion.registry.store.KafkaSchemaLog;
import io.medallion.registry.store.RegistryStore;
import io.medallion.registry.store.SchemaLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal Confluent-compatible schema registry on the JDK's HTTP server: the REST subset of
 * {@link RestApi}, optional basic auth and TLS, state in memory or in a compacted Kafka topic
 * replayed at start. Requests run on a bounded pool; when it and its queue are full the acceptor
 * runs requests itself, which slows clients down instead of dropping them.
 */
public final class RegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final int QUEUE_CAPACITY = 256;

    private final HttpServer http;
    private final ThreadPoolExecutor executor;
    private final RegistryStore store;
    private final RestApi api;
    private final Map<String, byte[]> passwords;
    private final URI url;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RegistryServer(RegistryServerConfig config, RegistryStore store) throws IOException {
        this.store = store;
        this.api = new RestApi(store);
        this.passwords = new HashMap<>();
        config.users().forEach((user, password) -> passwords.put(user, password.getBytes(StandardCharsets.UTF_8)));

        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (config.tls().isPresent()) {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(config.tls().get()) {
                @Override
                public void configure(HttpsParameters params) {
                    // The JDK server ignores setNeedClientAuth alone; it applies whole SSLParameters.
                    SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                    ssl.setNeedClientAuth(config.requireClientCertificate());
                    params.setSSLParameters(ssl);
                }
            });
            this.http = https;
        } else {
            this.http = HttpServer.create(address, 0);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(config.threads(), config.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
                    Thread t = new Thread(r, "registry-http-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        http.setExecutor(executor);
        http.createContext("/", this::exchange);
        http.start();

        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "localhost" : config.host();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        this.url = URI.create((config.tls().isPresent() ? "https" : "http") + "://" + host + ":" + http.getAddress().getPort());
    }

    /**
     * Starts a server; with Kafka storage it first replays the topic (creating it when missing),
     * so the state of the previous run is back before the first request.
     */
    public static RegistryServer start(RegistryServerConfig config) {
        SchemaLog log = config.kafkaStorage().<SchemaLog>map(KafkaSchemaLog::new).orElse(SchemaLog.NONE);
        RegistryStore store = null;
        try {
            store = RegistryStore.open(log, config.defaultCompatibility());
            RegistryServer server = new RegistryServer(config, store);
            LOG.info("Schema registry listening on {} ({} storage{}{})", server.url(),
                    config.kafkaStorage().map(k -> "topic '" + k.topic() + "'").orElse("in-memory"),
                    config.users().isEmpty() ? "" : ", basic auth",
                    config.requireClientCertificate() ? ", client certificates required" : "");
            return server;
        } catch (IOException e) {
            closeQuietly(store, log);
            throw new UncheckedIOException("Cannot listen on " + config.host() + ":" + config.port(), e);
        } catch (RuntimeException e) {
            closeQuietly(store, log);
            throw e;
        }
    }

    /** Base URL, e.g. {@code http://127.0.0.1:39127}. */
    public URI url() {
        return url;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Requests answered since start, whatever their outcome. */
    public long requestsServed() {
        return requests.get();
    }

    /** Stops listening, lets running requests finish (up to 5 s) and closes the log; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        store.close();
        LOG.info("Schema registry on {} stopped", url);
    }

    private void exchange(HttpExchange exchange) {
        requests.incrementAndGet();
        try (exchange) {
            RestApi.Response response;
            if (!authorized(exchange)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
                response = RestApi.error(401, ErrorCodes.UNAUTHORIZED, "Unauthorized");
            } else {
                response = handle(exchange);
            }
            respond(exchange, response);
        } catch (IOException | RuntimeException e) {
            // The client went away mid-answer, or a bug: the exchange is closed either way.
            LOG.warn("Request {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        }
    }

    private RestApi.Response handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            return RestApi.error(413, ErrorCodes.PAYLOAD_TOO_LARGE, "Request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        URI uri = exchange.getRequestURI();
        try {
            return api.handle(new RestApi.Request(exchange.getRequestMethod(), segments(uri.getRawPath()),
                    query(uri.getRawQuery()), body));
        } catch (RuntimeException e) {
            LOG.error("Request {} {} failed", exchange.getRequestMethod(), uri, e);
            return RestApi.error(500, ErrorCodes.INTERNAL_ERROR, "Internal Server Error: " + e);
        }
    }

    private boolean authorized(HttpExchange exchange) {
        if (passwords.isEmpty()) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return false;
        }
        byte[] expected = passwords.get(credentials.substring(0, colon));
        byte[] given = credentials.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison; an unknown user still costs one comparison.
        return MessageDigest.isEqual(expected == null ? new byte[0] : expected, given) && expected != null;
    }

    private static void respond(HttpExchange exchange, RestApi.Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Decoded path segments: {@code /subjects/a%2Fb/versions} gives {@code [subjects, a/b, versions]}. */
    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                out.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    private static void closeQuietly(RegistryStore store, SchemaLog log) {
        try {
            if (store != null) {
                store.close();
            } else {
                log.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("Closing the registry log failed: {}", e.toString());
        }
    }
}
