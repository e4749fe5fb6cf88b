package io.medallion.runtime.health;

import io.medallion.common.lifecycle.Health;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HealthResultsTest {

    @Test
    void aRebalancingServiceIsLiveButNotReady() {
        Health h = new Health(true, false, "REBALANCING", Map.of("records_in", 12L));

        HealthResult live = HealthResults.liveness("silver-enricher", h);
        HealthResult ready = HealthResults.readiness("silver-enricher", h);

        assertThat(live.getName()).isEqualTo("silver-enricher-liveness");
        assertThat(live.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(ready.getName()).isEqualTo("silver-enricher");
        assertThat(ready.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(ready.getDetails()).isEqualTo(Map.of("state", "REBALANCING", "records_in", 12L));
    }

    @Test
    void aFailedServiceIsDownOnBoth() {
        Health h = new Health(false, false, "ERROR", Map.of("failure", "boom"));

        assertThat(HealthResults.liveness("gold-kpi", h).getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(HealthResults.readiness("gold-kpi", h).getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(HealthResults.liveness("gold-kpi", h).getDetails()).isEqualTo(Map.of("state", "ERROR", "failure", "boom"));
    }

    @Test
    void aRunningServiceIsUpOnBoth() {
        Health h = Health.of(true, true, "RUNNING");

        assertThat(HealthResults.liveness("gold-kpi", h).getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(HealthResults.readiness("gold-kpi", h).getStatus()).isEqualTo(HealthStatus.UP);
    }
}
