package io.medallion.registry.client;

import io.medallion.common.config.Settings;
import org.apache.kafka.common.config.types.Password;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Kafka-style configuration maps ({@code Map<String, ?>}, values as strings, booleans, numbers,
 * classes, lists or passwords) as {@link Settings}, so every bad value becomes a
 * {@code ConfigException} naming its key.
 */
public final class ConfigMaps {

    private ConfigMaps() {
    }

    public static Settings settings(Map<String, ?> configs) {
        Map<String, String> values = new LinkedHashMap<>();
        configs.forEach((key, value) -> {
            if (value != null) {
                values.put(key, text(value));
            }
        });
        return Settings.of(values);
    }

    /** The first of the keys that is set (the canonical name first, then Confluent's aliases). */
    public static String presentKey(Settings settings, String key, String... aliases) {
        if (settings.optional(key).isPresent()) {
            return key;
        }
        for (String alias : aliases) {
            if (settings.optional(alias).isPresent()) {
                return alias;
            }
        }
        return key;
    }

    private static String text(Object value) {
        if (value instanceof Class<?> type) {
            return type.getName();
        }
        if (value instanceof Password password) {
            return password.value();
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(ConfigMaps::text).collect(Collectors.joining(","));
        }
        return value.toString();
    }
}
