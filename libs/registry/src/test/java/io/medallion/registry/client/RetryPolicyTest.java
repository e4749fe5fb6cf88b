package io.medallion.registry.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000));

    @Test
    void theCeilingDoublesUpToTheMaximum() {
        assertThat(policy.ceiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.ceiling(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.ceiling(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.ceiling(5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.ceiling(200)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void aBackoffLiesBetweenHalfTheCeilingAndTheCeiling() {
        for (int retry = 1; retry <= 8; retry++) {
            for (int i = 0; i < 50; i++) {
                long ceiling = policy.ceiling(retry).toMillis();
                assertThat(policy.backoff(retry).toMillis()).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void onlyTimeoutsThrottlingAndServerErrorsAreRetriableStatuses() {
        assertThat(SchemaRegistryException.isRetriableStatus(408)).isTrue();
        assertThat(SchemaRegistryException.isRetriableStatus(429)).isTrue();
        assertThat(SchemaRegistryException.isRetriableStatus(500)).isTrue();
        assertThat(SchemaRegistryException.isRetriableStatus(503)).isTrue();
        for (int status : new int[] {400, 401, 403, 404, 409, 422}) {
            assertThat(SchemaRegistryException.isRetriableStatus(status)).as("%d", status).isFalse();
        }
    }

    @Test
    void invalidPoliciesAreRejected() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
