package io.medallion.runtime;

import io.medallion.common.config.ConfigException;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The log format switch: JSON lines (logback's {@code JsonEncoder}) unless
 * {@code medallion.log.format=plain} (env {@code MEDALLION_LOG_FORMAT}) asks for text, e.g.
 * for a local run. The system property wins over the environment variable. The logback
 * configuration ({@value #LOGBACK_RESOURCE} in this module) reads the same two names.
 */
public enum LogFormat {
    JSON, PLAIN;

    public static final String PROPERTY = "medallion.log.format";
    public static final String ENV = "MEDALLION_LOG_FORMAT";
    /** The fleet's logback configuration on the class path; not named logback.xml so it never shadows a host program's. */
    public static final String LOGBACK_RESOURCE = "medallion-logback.xml";

    /** The chosen format; an unknown value throws a {@link ConfigException} naming {@value #PROPERTY}. */
    public static LogFormat resolve(Map<String, String> env, Map<?, ?> systemProperties) {
        Optional<String> value = Optional.ofNullable(systemProperties.get(PROPERTY)).map(String::valueOf)
                .or(() -> Optional.ofNullable(env.get(ENV)))
                .map(String::trim).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return JSON;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "plain" -> PLAIN;
            default -> throw new ConfigException(PROPERTY, "must be json or plain, was '" + value.get() + "'");
        };
    }

    /** The appender name in {@value #LOGBACK_RESOURCE}. */
    public String appender() {
        return name().toLowerCase(Locale.ROOT);
    }
}
