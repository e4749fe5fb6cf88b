package io.medallion.local;

import io.medallion.common.config.Settings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the stack knows while it starts: the options, the settings earlier components
 * published (where PostgreSQL, Kafka and the registry listen), service settings that override
 * the launcher's choices, and the console. Later components read them to build their own
 * configuration, exactly as a deployed service reads its environment.
 */
public final class StackContext {

    /** Keys components publish. */
    public static final String PG_HOST = "local.postgres.host";
    public static final String PG_PORT = "local.postgres.port";
    public static final String PG_DATABASE = "local.postgres.database";
    public static final String PG_USER = "local.postgres.user";
    public static final String PG_PASSWORD = "local.postgres.password";
    public static final String PG_JDBC_URL = "local.postgres.jdbc-url";
    public static final String KAFKA_BOOTSTRAP = "local.kafka.bootstrap-servers";
    public static final String REGISTRY_URL = "local.registry.url";

    private final LaunchOptions options;
    private final Map<String, String> overrides;
    private final Consumer<String> console;
    private final Map<String, String> published = new LinkedHashMap<>();

    public StackContext(LaunchOptions options) {
        this(options, Map.of(), line -> { });
    }

    /**
     * @param overrides service settings ({@code medallion.gold.window-size=10s}, ...) applied over
     *                  what the launcher sets
     * @param console   prints a line above the status line
     */
    public StackContext(LaunchOptions options, Map<String, String> overrides, Consumer<String> console) {
        this.options = options;
        this.overrides = Map.copyOf(overrides);
        this.console = console;
    }

    public LaunchOptions options() {
        return options;
    }

    /** A folder under the data folder, e.g. {@code kafka}. */
    public Path dataDir(String name) {
        return options.data().resolve(name).toAbsolutePath();
    }

    public void publish(String key, String value) {
        published.put(key, value);
    }

    /** What was published so far. */
    public Settings settings() {
        return Settings.of(published);
    }

    /**
     * A service's settings: what the launcher chose, then the overrides whose key starts with
     * one of {@code prefixes} (e.g. {@code medallion.gold.}).
     */
    public Settings serviceSettings(Map<String, String> launcherChoices, String... prefixes) {
        Map<String, String> merged = new LinkedHashMap<>(launcherChoices);
        overrides.forEach((key, value) -> {
            for (String prefix : prefixes) {
                if (key.startsWith(prefix)) {
                    merged.put(key, value);
                }
            }
        });
        return Settings.of(merged);
    }

    /** Prints a line for the user (above the live status line); safe from any thread. */
    public void println(String line) {
        console.accept(line);
    }
}
