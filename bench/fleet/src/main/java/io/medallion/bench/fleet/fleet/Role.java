package io.medallion.bench.fleet.fleet;

import java.util.Locale;

/**
 * One long-running part of the fleet, started by {@link RoleFactory} from its settings. PostgreSQL
 * (a child process of its own) and the load generator run in the harness and are not roles.
 */
public enum Role {
    BROKER, REGISTRY, SILVER, GOLD, SINK_BRONZE, SINK_SILVER, SINK_GOLD, CAPTURE;

    /** {@code sink-bronze}: file names, logs, report tables. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Role of(String label) {
        for (Role r : values()) {
            if (r.label().equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + label + "'");
    }

    /** The services a fault run kills one after the other (the broker is killed once, last). */
    public boolean isService() {
        return this != BROKER && this != REGISTRY;
    }
}
