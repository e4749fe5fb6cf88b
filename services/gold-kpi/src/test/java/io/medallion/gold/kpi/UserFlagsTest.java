package io.medallion.gold.kpi;

import io.medallion.avro.silver.EventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserFlagsTest {

    @Test
    void anyEventMakesTheUserActiveViewsAndPurchasesSetTheirFlag() {
        assertThat(UserFlags.NONE.with(EventType.add_to_cart)).isEqualTo(new UserFlags(true, false, false));
        assertThat(UserFlags.NONE.with(EventType.page_view)).isEqualTo(new UserFlags(true, true, false));
        assertThat(UserFlags.NONE.with(EventType.purchase)).isEqualTo(new UserFlags(true, false, true));
        assertThat(UserFlags.NONE.with(EventType.page_view).with(EventType.purchase).with(EventType.add_to_cart))
                .isEqualTo(new UserFlags(true, true, true));
    }

    @Test
    void roundTripsThroughOneByte() {
        for (boolean active : new boolean[]{false, true}) {
            for (boolean viewed : new boolean[]{false, true}) {
                for (boolean purchased : new boolean[]{false, true}) {
                    UserFlags flags = new UserFlags(active, viewed, purchased);
                    assertThat(UserFlags.fromByte(flags.toByte())).isEqualTo(flags);
                }
            }
        }
        assertThatThrownBy(() -> UserFlags.fromByte((byte) 8)).isInstanceOf(IllegalArgumentException.class);
    }
}
