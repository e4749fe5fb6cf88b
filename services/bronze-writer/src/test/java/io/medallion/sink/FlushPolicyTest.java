package io.medallion.sink;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FlushPolicyTest {

    private final FlushPolicy policy = new FlushPolicy(100, 1_000, Duration.ofSeconds(1));

    @Test
    void flushes_on_whichever_bound_comes_first() {
        assertThat(policy.shouldFlush(99, 999, 999)).isFalse();
        assertThat(policy.shouldFlush(100, 10, 0)).isTrue();
        assertThat(policy.shouldFlush(1, 1_000, 0)).isTrue();
        assertThat(policy.shouldFlush(1, 10, 1_000)).isTrue();
    }

    @Test
    void an_empty_buffer_never_flushes() {
        assertThat(policy.shouldFlush(0, 0, 60_000)).isFalse();
    }
}
