package io.medallion.runtime;

import io.medallion.common.config.Settings;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.naming.conventions.StringConvention;
import io.micronaut.core.value.PropertyResolver;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A service's flat {@link Settings} read from the Micronaut environment (application.yml,
 * system properties, environment variables), so the framework-free config classes
 * ({@code CaptureConfig.from(Settings)}, ...) validate them exactly as the launcher's do.
 *
 * <ul>
 *   <li>Fixed keys ({@code medallion.sink.flush.max-records}) resolve with Micronaut's precedence;
 *   the environment variable {@link Settings#envName} of a key
 *   ({@code MEDALLION_SINK_FLUSH_MAX_RECORDS}) wins over application.yml. A YAML list becomes
 *   a comma-separated value.</li>
 *   <li>Prefix maps ({@code medallion.sink.kafka.*}, raw client properties) keep their keys as
 *   written in YAML or system properties; an environment variable under the prefix's name
 *   ({@code MEDALLION_SINK_KAFKA_SECURITY_PROTOCOL}) adds the lower-cased, dotted key
 *   ({@code security.protocol}) and wins. Environment variables cannot spell camelCase or
 *   dashed client keys; those go in YAML (for example a file named by {@code MICRONAUT_CONFIG_FILES}).
 *   An environment variable that is a fixed key's name ({@code MEDALLION_SINK_REGISTRY_URL}) is
 *   never read as an entry of a prefix map ({@code medallion.sink.registry.*}).</li>
 * </ul>
 */
public final class ServiceSettings {

    private ServiceSettings() {
    }

    /**
     * @param keys     the service's fixed keys, e.g. {@code SinkConfig.KEYS}
     * @param prefixes the prefixes of its raw property maps, e.g. {@code medallion.sink.kafka}
     */
    public static Settings read(Environment environment, Collection<String> keys, Collection<String> prefixes) {
        return read(environment, environment.getPropertySources(), keys, prefixes);
    }

    /** As {@link #read(Environment, Collection, Collection)}, from a resolver and the sources it holds. */
    public static Settings read(PropertyResolver resolver, Collection<PropertySource> sources, Collection<String> keys,
                                Collection<String> prefixes) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> fixedEnvNames = keys.stream().map(Settings::envName).collect(Collectors.toSet());
        for (String raw : prefixes) {
            String prefix = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
            resolver.getProperties(prefix, StringConvention.RAW).forEach((k, v) -> {
                if (v != null && !(v instanceof Map<?, ?>)) {
                    values.put(prefix + "." + k, text(v));
                }
            });
            String envPrefix = Settings.envName(prefix) + "_";
            for (PropertySource source : sources) {
                if (source.getConvention() != PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE) {
                    continue;
                }
                for (String name : source) {
                    if (name.startsWith(envPrefix) && name.length() > envPrefix.length() && !fixedEnvNames.contains(name)) {
                        String key = name.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                        values.put(prefix + "." + key, text(source.get(name)));
                    }
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (String key : keys) {
            if (seen.add(key)) {
                resolver.getProperty(key, Object.class).ifPresent(v -> values.put(key, text(v)));
            }
        }
        return Settings.of(values);
    }

    /**
     * Variables as Micronaut reads them from the process environment (same convention and
     * precedence), for a program or test that starts an application with an environment of its own.
     */
    public static PropertySource environmentVariables(Map<String, String> variables) {
        return new MapPropertySource("medallion-env", new LinkedHashMap<>(variables)) {
            @Override
            public PropertyConvention getConvention() {
                return PropertyConvention.ENVIRONMENT_VARIABLE;
            }

            @Override
            public int getOrder() {
                return EnvironmentPropertySource.POSITION;
            }
        };
    }

    private static String text(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }
}
