package io.medallion.gold.state;

import io.medallion.gold.kpi.PartialCounts;
import io.medallion.gold.kpi.UserFlags;
import io.medallion.gold.topology.ShardOutput.CombinerInput;
import io.medallion.gold.topology.ShardOutput.ShardProgress;
import io.medallion.gold.topology.ShardOutput.WindowPartial;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InternalSerdesTest {

    private static final String TOPIC = "t";
    private static final PartialCounts COUNTS =
            new PartialCounts(10, 5, 3, 2, new BigDecimal("123456789.05"), 4, 2, 7);

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, value));
    }

    @Test
    void valuesRoundTrip() {
        assertThat(roundTrip(InternalSerdes.partialCounts(), COUNTS)).isEqualTo(COUNTS);
        assertThat(roundTrip(InternalSerdes.partialCounts(), PartialCounts.EMPTY)).isEqualTo(PartialCounts.EMPTY);
        assertThat(roundTrip(InternalSerdes.combinedWindow(), new CombinedWindow(COUNTS, 3))).isEqualTo(new CombinedWindow(COUNTS, 3));
        assertThat(roundTrip(InternalSerdes.shardClock(), new ShardClock(1_700_000_000_123L, 1_700_000_000_000L)))
                .isEqualTo(new ShardClock(1_700_000_000_123L, 1_700_000_000_000L));
        assertThat(roundTrip(InternalSerdes.userFlags(), new UserFlags(true, false, true))).isEqualTo(new UserFlags(true, false, true));
        Serde<CombinerInput> combiner = InternalSerdes.combinerInput();
        assertThat(roundTrip(combiner, new WindowPartial(3, 1_700_000_040_000L, COUNTS))).isEqualTo(new WindowPartial(3, 1_700_000_040_000L, COUNTS));
        assertThat(roundTrip(combiner, new ShardProgress(2, 1_700_000_100_000L))).isEqualTo(new ShardProgress(2, 1_700_000_100_000L));
        ShardWindowUserKey user = new ShardWindowUserKey(5, -60_000L, "ünïcode-user");
        assertThat(roundTrip(InternalSerdes.shardWindowUserKey(), user)).isEqualTo(user);
    }

    @Test
    void keyBytesSortLikeTheirNumbersAlsoBefore1970() {
        Serde<ShardWindowKey> serde = InternalSerdes.shardWindowKey();
        List<ShardWindowKey> ordered = List.of(
                new ShardWindowKey(0, Long.MIN_VALUE), new ShardWindowKey(0, -60_000), new ShardWindowKey(0, 0),
                new ShardWindowKey(0, 60_000), new ShardWindowKey(0, Long.MAX_VALUE), new ShardWindowKey(1, -60_000),
                new ShardWindowKey(1, 0));
        for (int i = 1; i < ordered.size(); i++) {
            Bytes lower = Bytes.wrap(serde.serializer().serialize(TOPIC, ordered.get(i - 1)));
            Bytes higher = Bytes.wrap(serde.serializer().serialize(TOPIC, ordered.get(i)));
            assertThat(lower.compareTo(higher)).as("%s < %s", ordered.get(i - 1), ordered.get(i)).isNegative();
        }
        Serde<Long> windowStart = InternalSerdes.windowStartKey();
        assertThat(Bytes.wrap(windowStart.serializer().serialize(TOPIC, -1L))
                .compareTo(Bytes.wrap(windowStart.serializer().serialize(TOPIC, 1L)))).isNegative();
    }

    @Test
    void aWindowsKeyIsThePrefixOfItsUsersKeys() {
        byte[] window = InternalSerdes.shardWindowKey().serializer().serialize(TOPIC, new ShardWindowKey(2, 120_000));
        byte[] user = InternalSerdes.shardWindowUserKey().serializer().serialize(TOPIC, new ShardWindowUserKey(2, 120_000, "u"));
        assertThat(Arrays.copyOf(user, window.length)).isEqualTo(window);
        assertThat(user).hasSize(window.length + 1);
    }

    @Test
    void rejectsAnUnknownFormatVersionAndTrailingBytes() {
        byte[] bytes = InternalSerdes.shardClock().serializer().serialize(TOPIC, new ShardClock(1, 2));
        byte[] future = bytes.clone();
        future[0] = 2;
        assertThatThrownBy(() -> InternalSerdes.shardClock().deserializer().deserialize(TOPIC, future))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 2");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> InternalSerdes.shardClock().deserializer().deserialize(TOPIC, longer))
                .isInstanceOf(SerializationException.class).hasMessageContaining("trailing");
    }

    @Test
    void nullStaysNull() {
        assertThat(InternalSerdes.partialCounts().serializer().serialize(TOPIC, null)).isNull();
        assertThat(InternalSerdes.partialCounts().deserializer().deserialize(TOPIC, null)).isNull();
    }
}
