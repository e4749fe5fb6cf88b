package io.medallion.capture.wal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LsnTest {

    @Test
    void parsesBothHalves() {
        assertThat(Lsn.parse("0/16B3748")).isEqualTo(0x16B3748L);
        assertThat(Lsn.parse("16/B374D848")).isEqualTo((0x16L << 32) | 0xB374D848L);
    }

    @Test
    void formatsLikePostgres() {
        assertThat(Lsn.format((0x16L << 32) | 0xB374D848L)).isEqualTo("16/B374D848");
        assertThat(Lsn.format(Lsn.parse("0/0"))).isEqualTo("0/0");
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> Lsn.parse("16B3748")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lsn.parse("0/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lsn.parse("1FFFFFFFF/0")).isInstanceOf(IllegalArgumentException.class);
    }
}
