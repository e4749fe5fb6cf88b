package io.medallion.bench.fleet.fleet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The roles of a run in start order. silver-enricher starts before the sinks because it creates
 * the cdc and silver topics, gold-kpi next because it creates the gold and heartbeat topics: a
 * sink subscribes by pattern and would only see a later topic at its next metadata refresh.
 * Capture starts last, once everything downstream listens.
 */
public final class Fleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

    /** The whole fleet, fed by PostgreSQL through capture. */
    public static final List<Role> FROM_POSTGRES = List.of(Role.BROKER, Role.REGISTRY, Role.SILVER, Role.GOLD,
            Role.SINK_BRONZE, Role.SINK_SILVER, Role.SINK_GOLD, Role.CAPTURE);
    /** The streaming and sink segment, fed straight into {@code cdc.shop.web_events}. */
    public static final List<Role> FROM_KAFKA = List.of(Role.BROKER, Role.REGISTRY, Role.SILVER, Role.GOLD,
            Role.SINK_BRONZE, Role.SINK_SILVER, Role.SINK_GOLD);

    private final Host host;
    private final List<Role> roles;

    public Fleet(Host host, List<Role> roles) {
        this.host = host;
        this.roles = List.copyOf(roles);
    }

    public Host host() {
        return host;
    }

    public List<Role> roles() {
        return roles;
    }

    public void start() {
        for (Role role : roles) {
            long began = System.nanoTime();
            host.start(role);
            LOG.info("{} started in {} ms", role.label(), (System.nanoTime() - began) / 1_000_000);
        }
    }

    /** Stops the services cleanly (capture first), keeping the broker and registry for the checks that read topics. */
    public void stopServices() {
        List<Role> reversed = new ArrayList<>(roles);
        Collections.reverse(reversed);
        for (Role role : reversed) {
            if (role.isService()) {
                host.stop(role);
            }
        }
    }

    @Override
    public void close() {
        host.close();
    }
}
