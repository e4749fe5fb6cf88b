package io.medallion.loadgen;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the load generator on its own against a PostgreSQL database (docker-compose runs it as a
 * container). Settings come from {@code medallion.loadgen.*} system properties, then the
 * matching environment variables ({@code MEDALLION_LOADGEN_DATABASE_JDBC_URL}), then
 * {@code key=value} arguments, the last one winning:
 *
 * <pre>
 * java -cp ... io.medallion.loadgen.LoadGeneratorMain \
 *     medallion.loadgen.database.jdbc-url=jdbc:postgresql://localhost:5432/shop \
 *     medallion.loadgen.rate=2000 medallion.loadgen.duration=5m
 * </pre>
 *
 * It prints a status line every 10 s and a summary at the end; SIGTERM stops it cleanly.
 * Exit status: 0 when the duration was generated or it was stopped, 1 when a lane failed,
 * 2 on a bad setting.
 */
public final class LoadGeneratorMain {

    private static final Logger LOG = LoggerFactory.getLogger(LoadGeneratorMain.class);
    private static final Duration STATUS_INTERVAL = Duration.ofSeconds(10);

    private LoadGeneratorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LoadGenerator generator;
        try {
            generator = new LoadGenerator(LoadConfig.from(settings(args)));
            generator.start();
        } catch (ConfigException e) {
            LOG.error("{}", e.getMessage());
            System.exit(2);
            return;
        }
        Thread hook = new Thread(generator::close, "loadgen-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        while (!generator.awaitFinished(STATUS_INTERVAL) && generator.health().live()) {
            LoadStats s = generator.stats();
            LOG.info("{} events, {} ms behind schedule", s.events(), s.behindSchedule().toMillis());
        }
        boolean failed = !generator.health().live();
        Runtime.getRuntime().removeShutdownHook(hook);
        generator.close();
        System.exit(failed ? 1 : 0);
    }

    static Settings settings(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith(LoadConfig.PREFIX))
                .forEach(k -> values.put(k, System.getProperty(k)));
        Settings fromEnv = Settings.of(values).withEnvironment(System.getenv(), LoadConfig.KEYS);
        Map<String, String> fromArgs = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(arg, "arguments are key=value settings, e.g. " + LoadConfig.RATE + "=1000");
            }
            fromArgs.put(arg.substring(0, eq).trim(), arg.substring(eq + 1).trim());
        }
        return fromEnv.with(fromArgs);
    }
}
