package io.medallion.bench.fleet.fleet;

import io.medallion.common.config.Settings;
import io.medallion.common.lifecycle.Health;
import io.medallion.common.lifecycle.ManagedService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * One role in its own JVM: {@code FleetProcess <role> <settings-file> <ready-file>}. Starts the
 * role's service, then writes the ready file. SIGTERM closes the service cleanly (shutdown hook);
 * SIGKILL does not. Like a pod's liveness probe, a service that stays not-live for
 * {@value #NOT_LIVE_SECONDS} s makes the process exit with status 3 so the harness restarts it;
 * a failed start exits with 2.
 */
public final class FleetProcess {

    private static final Logger LOG = LoggerFactory.getLogger(FleetProcess.class);
    private static final int NOT_LIVE_SECONDS = 10;

    private FleetProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: FleetProcess <role> <settings-file> <ready-file>");
            System.exit(2);
        }
        Role role = Role.of(args[0]);
        ManagedService service;
        try {
            service = RoleFactory.create(role, Settings.of(read(Path.of(args[1]))));
            service.start();
        } catch (RuntimeException e) {
            LOG.error("{} failed to start", role.label(), e);
            System.exit(2);
            return;
        }
        CountDownLatch stopping = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Counted down first: System.exit from the health loop while hooks run would hang.
            stopping.countDown();
            try {
                service.close();
            } catch (RuntimeException e) {
                LOG.error("{} did not close cleanly", role.label(), e);
            }
        }, "fleet-process-shutdown"));
        try {
            Files.writeString(Path.of(args[2]), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            LOG.error("could not write the ready file {}", args[2], e);
            System.exit(2);
        }
        LOG.info("{} ready (pid {})", role.label(), ProcessHandle.current().pid());
        int notLive = 0;
        while (!stopping.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            Health h = service.health();
            notLive = h.live() ? 0 : notLive + 1;
            if (notLive >= NOT_LIVE_SECONDS) {
                LOG.error("{} not live for {} s ({} {}); exiting so it is restarted", role.label(), notLive, h.state(), h.details());
                System.exit(3);
            }
        }
    }

    private static Map<String, String> read(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("could not read settings " + file, e);
        }
        Map<String, String> out = new HashMap<>();
        props.forEach((k, v) -> out.put(k.toString(), v.toString()));
        return out;
    }
}
