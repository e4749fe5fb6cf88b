package io.medallion.registry.server;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a registry server standalone until SIGTERM. Settings come as {@code key=value} arguments
 * ({@code medallion.registry.port=8081 medallion.registry.storage=kafka ...}); an environment
 * variable named after a key ({@code MEDALLION_REGISTRY_PORT}) wins over the argument. Keys and
 * defaults: {@link RegistryServerConfig}.
 */
public final class RegistryServerMain {

    private RegistryServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RegistryServerConfig config;
        try {
            config = RegistryServerConfig.from(settings(List.of(args), System.getenv()));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        RegistryServer server = RegistryServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "registry-shutdown"));
        stopped.await();
    }

    /** Arguments as settings, overlaid with the environment for every known key. */
    static Settings settings(List<String> args, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(arg, "arguments must be key=value, e.g. " + RegistryServerConfig.PORT + "=8081");
            }
            values.put(arg.substring(0, eq).trim(), arg.substring(eq + 1).trim());
        }
        return Settings.of(values).withEnvironment(env, RegistryServerConfig.KEYS);
    }
}
