package io.medallion.deploy;

import io.medallion.capture.CaptureConfig;
import io.medallion.common.config.Settings;
import io.medallion.gold.GoldConfig;
import io.medallion.loadgen.LoadConfig;
import io.medallion.runtime.LogFormat;
import io.medallion.runtime.RuntimeSettings;
import io.medallion.silver.SilverConfig;
import io.medallion.sink.SinkConfig;
import io.medallion.sink.app.SinkAppSettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A program the deployments run, with what its code reads: the fixed keys of its config class
 * (and of its application, where it adds any), the prefixes of its raw property maps, and the
 * factories that validate them. The images are
 * {@code medallion/<name>}, one per component (bronze-writer runs once per layer).
 */
public enum Component {

    CDC_CAPTURE("cdc-capture", true, CaptureConfig.KEYS,
            List.of(CaptureConfig.PRODUCER_PREFIX, CaptureConfig.DEBEZIUM_PREFIX), CaptureConfig::from),
    /** The sink application reads a readiness bound on top of {@link SinkConfig}'s keys. */
    BRONZE_WRITER("bronze-writer", true, SinkAppSettings.KEYS, SinkAppSettings.PREFIXES, settings -> {
        SinkAppSettings.from(settings);
        return SinkConfig.from(settings);
    }),
    SILVER_ENRICHER("silver-enricher", true, SilverConfig.KEYS, List.of(SilverConfig.STREAMS_PREFIX), SilverConfig::from),
    GOLD_KPI("gold-kpi", true, GoldConfig.KEYS, List.of(GoldConfig.STREAMS_PREFIX), GoldConfig::from),
    /** The load generator: a plain main, no HTTP server, no Micronaut settings. */
    LOADGEN("loadgen", false, LoadConfig.KEYS, List.of(), LoadConfig::from);

    /** The HTTP port the services serve health and metrics on unless configured otherwise. */
    public static final int HTTP_PORT = 8080;
    public static final String LIVENESS_PATH = "/health/liveness";
    public static final String READINESS_PATH = "/health/readiness";
    public static final Set<String> HEALTH_PATHS = Set.of("/health", LIVENESS_PATH, READINESS_PATH);
    public static final String METRICS_PATH = "/prometheus";
    /** The image's user (Dockerfile). */
    public static final long IMAGE_UID = 10001;
    /** Where the image keeps Kafka Streams state (Dockerfile, conventions). */
    public static final String STATE_DIR = "/var/lib/medallion/state";

    /** Keys every Micronaut application reads besides its config class (libs/runtime). */
    static final List<String> RUNTIME_KEYS = List.of(RuntimeSettings.SHUTDOWN_TIMEOUT, LogFormat.PROPERTY);

    private static final Pattern IMAGE = Pattern.compile("(?:.+/)?medallion/([a-z0-9-]+)(?::([A-Za-z0-9._-]+))?");

    private final String serviceName;
    private final boolean micronaut;
    private final List<String> keys;
    private final List<String> prefixes;
    private final Function<Settings, ?> validator;

    Component(String serviceName, boolean micronaut, List<String> keys, List<String> prefixes,
              Function<Settings, ?> validator) {
        this.serviceName = serviceName;
        this.micronaut = micronaut;
        this.keys = List.copyOf(keys);
        this.prefixes = prefixes.stream().map(p -> p.endsWith(".") ? p.substring(0, p.length() - 1) : p).toList();
        this.validator = validator;
    }

    /** {@code gold-kpi}: the Dockerfile's SERVICE and the image name. */
    public String serviceName() {
        return serviceName;
    }

    /** A Micronaut application: serves HTTP (health, metrics) and reads the runtime keys. */
    public boolean micronaut() {
        return micronaut;
    }

    /** The config class's fixed keys. */
    public List<String> configKeys() {
        return keys;
    }

    /** Fixed keys plus, for a Micronaut application, the runtime's. */
    public List<String> allKeys() {
        if (!micronaut) {
            return keys;
        }
        List<String> all = new ArrayList<>(keys);
        RUNTIME_KEYS.stream().filter(k -> !all.contains(k)).forEach(all::add);
        return List.copyOf(all);
    }

    /** Prefixes of the raw property maps, without the trailing dot ({@code medallion.sink.hadoop}). */
    public List<String> prefixes() {
        return prefixes;
    }

    /** {@code medallion/gold-kpi}. */
    public String imageRepository() {
        return "medallion/" + serviceName;
    }

    /** Builds the config record; a wrong or missing setting throws a ConfigException naming it. */
    public Object validate(Settings settings) {
        return validator.apply(settings);
    }

    /** Whether a key is read by this component: a fixed key or an entry of a prefix map. */
    public boolean reads(String key) {
        if (allKeys().contains(key)) {
            return true;
        }
        return prefixes.stream().anyMatch(p -> key.startsWith(p + ".") && key.length() > p.length() + 1);
    }

    public static Optional<Component> byServiceName(String name) {
        return Arrays.stream(values()).filter(c -> c.serviceName.equals(name)).findFirst();
    }

    /** The component of an image reference ({@code registry.example.com/data/medallion/gold-kpi:0.1.0}). */
    public static Optional<Component> forImage(String image) {
        return imageParts(image).flatMap(parts -> byServiceName(parts[0]));
    }

    /** The tag of a Medallion image reference, or empty when it has none or is not one. */
    public static Optional<String> imageTag(String image) {
        return imageParts(image).map(parts -> parts[1]);
    }

    private static Optional<String[]> imageParts(String image) {
        if (image == null) {
            return Optional.empty();
        }
        Matcher m = IMAGE.matcher(image.trim());
        return m.matches() ? Optional.of(new String[] {m.group(1), m.group(2)}) : Optional.empty();
    }

    @Override
    public String toString() {
        return serviceName.toLowerCase(Locale.ROOT);
    }
}
