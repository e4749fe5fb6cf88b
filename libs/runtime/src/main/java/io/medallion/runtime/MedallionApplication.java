package io.medallion.runtime;

import io.medallion.common.config.ConfigException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

import java.util.Map;

/**
 * The {@code main} of every service: picks the log format, then starts Micronaut (HTTP server,
 * health, metrics, the service's beans) as a standalone process. A bad setting found while the
 * context starts ends the process with status 1 and a message naming the setting.
 */
public final class MedallionApplication {

    static final String LOGBACK_CONFIGURATION_FILE = "logback.configurationFile";

    private MedallionApplication() {
    }

    public static ApplicationContext run(Class<?> mainClass, String[] args) {
        LogFormat format;
        try {
            format = LogFormat.resolve(System.getenv(), System.getProperties());
        } catch (ConfigException e) {
            // Logging is not configured yet: this is the one message that goes straight to stderr.
            System.err.println(e.getMessage());
            System.exit(1);
            return null;
        }
        // Before the first logger exists: logback reads both when it configures itself.
        System.setProperty(LogFormat.PROPERTY, format.appender());
        if (System.getProperty(LOGBACK_CONFIGURATION_FILE) == null) {
            System.setProperty(LOGBACK_CONFIGURATION_FILE, LogFormat.LOGBACK_RESOURCE);
        }
        return Micronaut.build(args)
                .mainClass(mainClass)
                .banner(false)
                .properties(Map.of(RuntimeSettings.STANDALONE, "true"))
                .start();
    }
}
