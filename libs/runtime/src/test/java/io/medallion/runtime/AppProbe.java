package io.medallion.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the services' {@code *ApplicationIT}s ask a running application over HTTP: statuses and
 * bodies of the health endpoints, and samples of {@code /prometheus}. Shipped in the test jar.
 */
public final class AppProbe {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public AppProbe(URL base) {
        this(URI.create(base.toString()));
    }

    public AppProbe(URI base) {
        this.base = base;
    }

    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: GET " + path, e);
        }
    }

    public int status(String path) {
        return get(path).statusCode();
    }

    public int readiness() {
        return status("/health/readiness");
    }

    public int liveness() {
        return status("/health/liveness");
    }

    public String prometheus() {
        HttpResponse<String> r = get("/prometheus");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/prometheus answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /**
     * The sum of the samples of {@code name} whose labels include {@code labels} (pairs: name,
     * value), in a fresh scrape; empty when there is none.
     */
    public OptionalDouble metric(String name, String... labels) {
        return sum(prometheus(), name, labels);
    }

    /** As {@link #metric}, or 0 when absent. */
    public double metricOrZero(String name, String... labels) {
        return metric(name, labels).orElse(0);
    }

    /** As {@link #metric}, over a scrape already taken. */
    public static OptionalDouble sum(String exposition, String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        double total = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.trim());
            if (!m.matches() || !m.group(1).equals(name)) {
                continue;
            }
            Map<String, String> have = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    have.put(l.group(1), l.group(2));
                }
            }
            if (have.entrySet().containsAll(wanted.entrySet())) {
                total += Double.parseDouble(m.group(3));
                found = true;
            }
        }
        return found ? OptionalDouble.of(total) : OptionalDouble.empty();
    }
}
