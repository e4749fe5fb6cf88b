package io.medallion.common.config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read-only, typed view of flat settings ({@code medallion.sink.flush.max-records=5000}).
 * Every accessor validates and throws a {@link ConfigException} naming the key, so a typed
 * configuration record is built in one place and a wrong value stops the service at start.
 *
 * <p>Keys follow the Micronaut convention: lower-case, dot-separated, kebab-case words. An
 * environment variable maps to a key by lower-casing and turning {@code _} into {@code .}
 * ({@code MEDALLION_SINK_FLUSH_MAX_RECORDS}); {@link #withEnvironment} applies that mapping
 * with kebab-case awareness against the keys a service declares.
 */
public final class Settings {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    public static Settings empty() {
        return new Settings(Map.of());
    }

    /**
     * These settings overlaid with environment variables for the given keys: for key
     * {@code medallion.sink.flush.max-records} the variable {@code MEDALLION_SINK_FLUSH_MAX_RECORDS}
     * wins when set.
     */
    public Settings withEnvironment(Map<String, String> env, Iterable<String> keys) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        for (String key : keys) {
            String value = env.get(envName(key));
            if (value != null) {
                merged.put(key, value);
            }
        }
        return new Settings(merged);
    }

    /** The environment variable that overrides a key: upper case, {@code .} and {@code -} to {@code _}. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** These settings plus the given ones (the argument wins). */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** Settings under a prefix, with the prefix removed ({@code kafka.} gives {@code bootstrap.servers}). */
    public Map<String, String> under(String prefix) {
        String p = prefix.endsWith(".") ? prefix : prefix + ".";
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(p)) {
                out.put(k.substring(p.length()), v);
            }
        });
        return out;
    }

    public Optional<String> optional(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String string(String key) {
        return optional(key).orElseThrow(() -> new ConfigException(key, "is required but not set"));
    }

    public String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    public int intValue(String key, int defaultValue, int min, int max) {
        return optional(key).map(v -> parseInt(key, v, min, max)).orElse(defaultValue);
    }

    public int intValue(String key, int min, int max) {
        return parseInt(key, string(key), min, max);
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        return optional(key).map(v -> parseLong(key, v, min, max)).orElse(defaultValue);
    }

    public boolean bool(String key, boolean defaultValue) {
        return optional(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(key, "must be true or false, was '" + v + "'");
        }).orElse(defaultValue);
    }

    /** A duration written as {@code 500ms}, {@code 15s}, {@code 5m}, {@code 1h}, {@code 7d} or bare milliseconds. */
    public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        return optional(key).map(v -> {
            Duration d = parseDuration(key, v);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new ConfigException(key, "must be between " + min + " and " + max + ", was '" + v + "'");
            }
            return d;
        }).orElse(defaultValue);
    }

    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
        return optional(key).map(v -> parseEnum(key, type, v)).orElse(defaultValue);
    }

    public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        return parseEnum(key, type, string(key));
    }

    public URI uri(String key) {
        return parseUri(key, string(key));
    }

    public URI uri(String key, String defaultValue) {
        return parseUri(key, string(key, defaultValue));
    }

    /** A comma-separated list, blanks removed. */
    public List<String> list(String key, List<String> defaultValue) {
        return optional(key).map(v -> Arrays.stream(v.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList()).orElse(defaultValue);
    }

    /** Any value, parsed by the caller; a parse failure becomes a {@link ConfigException} naming the key. */
    public <T> Optional<T> parsed(String key, String expectation, Function<String, T> parser) {
        return optional(key).map(v -> {
            try {
                return parser.apply(v);
            } catch (RuntimeException e) {
                throw new ConfigException(key, "must be " + expectation + ", was '" + v + "'", e);
            }
        });
    }

    static Duration parseDuration(String key, String v) {
        Matcher m = DURATION.matcher(v.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(key, "must be a duration like 500ms, 15s, 5m or 1h, was '" + v + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static int parseInt(String key, String v, int min, int max) {
        return (int) parseLong(key, v, min, max);
    }

    private static long parseLong(String key, String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a whole number, was '" + v + "'");
        }
        if (n < min || n > max) {
            throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    private static <E extends Enum<E>> E parseEnum(String key, Class<E> type, String v) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.trim().replace('-', '_'))) {
                return e;
            }
        }
        throw new ConfigException(key, "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList() + ", was '" + v + "'");
    }

    private static URI parseUri(String key, String v) {
        try {
            URI uri = URI.create(v.trim());
            if (uri.getScheme() == null) {
                throw new ConfigException(key, "must be an absolute URI with a scheme (file:, s3a:, ...), was '" + v + "'");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "must be a URI, was '" + v + "'", e);
        }
    }
}
