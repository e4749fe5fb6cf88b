package io.medallion.testkit.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KernelValuesTest {

    @Test
    void microsecondsBecomeInstantsOnBothSidesOfTheEpoch() {
        assertThat(KernelValues.instantOfMicros(1_700_000_000_123_456L))
                .isEqualTo(Instant.parse("2023-11-14T22:13:20.123456Z"));
        assertThat(KernelValues.instantOfMicros(-1L)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
        assertThat(KernelValues.instantOfMicros(0L)).isEqualTo(Instant.EPOCH);
    }
}
