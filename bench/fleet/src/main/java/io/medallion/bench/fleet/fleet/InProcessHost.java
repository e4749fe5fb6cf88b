package io.medallion.bench.fleet.fleet;

import io.medallion.common.config.Settings;
import io.medallion.common.lifecycle.ManagedService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Every role in the harness JVM: quick to start, but CPU and memory are per JVM and nothing can be killed. */
public final class InProcessHost implements Host {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessHost.class);

    private final FleetLayout layout;
    private final Map<Role, ManagedService> services = new LinkedHashMap<>();

    public InProcessHost(FleetLayout layout) {
        this.layout = layout;
    }

    @Override
    public HostKind kind() {
        return HostKind.IN_PROCESS;
    }

    @Override
    public synchronized void start(Role role) {
        if (services.containsKey(role)) {
            throw new IllegalStateException(role.label() + " is already running");
        }
        ManagedService service = RoleFactory.create(role, Settings.of(layout.settings(role)));
        long began = System.nanoTime();
        service.start();
        LOG.info("{} started in process in {} ms", role.label(), (System.nanoTime() - began) / 1_000_000);
        services.put(role, service);
    }

    @Override
    public synchronized void stop(Role role) {
        ManagedService service = services.remove(role);
        if (service != null) {
            service.close();
        }
    }

    @Override
    public void kill(Role role) {
        throw new UnsupportedOperationException("an in-process role cannot be killed; use --host processes");
    }

    @Override
    public synchronized boolean alive(Role role) {
        ManagedService service = services.get(role);
        return service != null && service.health().live();
    }

    @Override
    public synchronized OptionalLong pid(Role role) {
        return services.containsKey(role) ? OptionalLong.of(ProcessHandle.current().pid()) : OptionalLong.empty();
    }

    @Override
    public synchronized List<Role> running() {
        return List.copyOf(services.keySet());
    }

    @Override
    public void close() {
        List<Role> roles = new ArrayList<>(running());
        java.util.Collections.reverse(roles);
        for (Role role : roles) {
            try {
                stop(role);
            } catch (RuntimeException e) {
                LOG.warn("{} did not stop cleanly", role.label(), e);
            }
        }
    }
}
