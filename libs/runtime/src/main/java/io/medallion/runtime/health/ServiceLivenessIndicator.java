package io.medallion.runtime.health;

import io.medallion.runtime.ServiceRunner;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** {@code /health/liveness}: the service is alive, or a restart would help. */
@Singleton
@Liveness
@Requires(beans = ServiceRunner.class)
final class ServiceLivenessIndicator implements HealthIndicator {

    private final ServiceRunner runner;

    ServiceLivenessIndicator(ServiceRunner runner) {
        this.runner = runner;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResults.liveness(runner.name(), runner.health()));
    }
}
