package io.medallion.common.config;

/**
 * A setting is missing or wrong. The message always starts with the setting's key so the
 * operator sees at once what to fix; services throw it at start-up, never later.
 */
public final class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, String problem) {
        super("Invalid setting '" + key + "': " + problem);
        this.key = key;
    }

    public ConfigException(String key, String problem, Throwable cause) {
        super("Invalid setting '" + key + "': " + problem, cause);
        this.key = key;
    }

    /** The setting's key, e.g. {@code medallion.sink.flush.max-records}. */
    public String key() {
        return key;
    }
}
