package io.medallion.capture.wal;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WalGapCheckTest {

    private static final StoredOffset STORED = StoredOffset.fromOffsetMap(Map.of("lsn", 500L, "lsn_proc", 500L, "lsn_commit", 400L));

    @Test
    void firstStartNeedsNoSlot() {
        assertThatCode(() -> WalGapCheck.verify("s", Optional.empty(), Optional.empty())).doesNotThrowAnyException();
    }

    @Test
    void slotAtOrBehindTheStoredPositionIsFine() {
        assertThatCode(() -> WalGapCheck.verify("s", Optional.of(STORED), Optional.of(slot(400L, "reserved"))))
                .doesNotThrowAnyException();
        assertThatCode(() -> WalGapCheck.verify("s", Optional.of(STORED), Optional.of(slot(100L, "extended"))))
                .doesNotThrowAnyException();
    }

    @Test
    void missingSlotWithStoredOffsetsIsAGap() {
        assertThatThrownBy(() -> WalGapCheck.verify("medallion", Optional.of(STORED), Optional.empty()))
                .isInstanceOf(WalGapException.class)
                .hasMessageContaining("'medallion'")
                .hasMessageContaining("does not exist")
                .hasMessageContaining(Lsn.format(400L));
    }

    @Test
    void slotAheadOfTheStoredPositionIsAGap() {
        assertThatThrownBy(() -> WalGapCheck.verify("medallion", Optional.of(STORED), Optional.of(slot(401L, "reserved"))))
                .isInstanceOf(WalGapException.class)
                .hasMessageContaining("confirmed_flush_lsn " + Lsn.format(401L))
                .hasMessageContaining("stored offsets' LSN " + Lsn.format(400L));
    }

    @Test
    void lostWalIsAGap() {
        assertThatThrownBy(() -> WalGapCheck.verify("medallion", Optional.of(STORED), Optional.of(slot(400L, "lost"))))
                .isInstanceOf(WalGapException.class)
                .hasMessageContaining("wal_status 'lost'");
    }

    @Test
    void resumePositionPrefersTheCommitPosition() {
        assertThat(StoredOffset.fromOffsetMap(Map.of("lsn", 9L, "lsn_proc", 8L, "lsn_commit", 7L)).resumeLsn()).isEqualTo(7L);
        assertThat(StoredOffset.fromOffsetMap(Map.of("lsn", 9L, "lsn_proc", 8L)).resumeLsn()).isEqualTo(8L);
        assertThat(StoredOffset.fromOffsetMap(Map.of("lsn", 9L)).resumeLsn()).isEqualTo(9L);
    }

    private static SlotState slot(long confirmedFlush, String walStatus) {
        return new SlotState("medallion", confirmedFlush, confirmedFlush - 10, walStatus, false);
    }

    private static org.assertj.core.api.AbstractLongAssert<?> assertThat(Long v) {
        return org.assertj.core.api.Assertions.assertThat(v);
    }
}
