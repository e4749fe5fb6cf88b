package io.medallion.runtime.health;

import io.medallion.common.lifecycle.Health;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's {@link Health} as Micronaut health results: liveness from {@code live} (false only
 * when a restart would help), readiness from {@code ready} (false while it cannot do its job
 * now). Both carry the service's state and details.
 */
public final class HealthResults {

    /** Suffix of the liveness result's name; the readiness result carries the service's name. */
    public static final String LIVENESS_SUFFIX = "-liveness";

    private HealthResults() {
    }

    public static HealthResult liveness(String service, Health health) {
        return HealthResult.builder(service + LIVENESS_SUFFIX, health.live() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details(health)).build();
    }

    public static HealthResult readiness(String service, Health health) {
        return HealthResult.builder(service, health.ready() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details(health)).build();
    }

    static Map<String, Object> details(Health health) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", health.state());
        details.putAll(health.details());
        return details;
    }
}
