package io.medallion.runtime.health;

import io.medallion.runtime.ServiceRunner;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * {@code /health/readiness}: the service does its job now (Streams running, Debezium streaming,
 * the sink committing). Micronaut counts every indicator that is not a liveness one here.
 */
@Singleton
@Readiness
@Requires(beans = ServiceRunner.class)
final class ServiceReadinessIndicator implements HealthIndicator {

    private final ServiceRunner runner;

    ServiceReadinessIndicator(ServiceRunner runner) {
        this.runner = runner;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResults.readiness(runner.name(), runner.health()));
    }
}
