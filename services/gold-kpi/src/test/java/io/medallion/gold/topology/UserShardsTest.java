package io.medallion.gold.topology;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserShardsTest {

    @Test
    void placementIsPinned() {
        // Changing the function moves users between partitions and corrupts the distinct counts
        // of open windows: these values must never change.
        UserShards shards = new UserShards(4);
        assertThat(shards.of("user-1")).isEqualTo(0);
        assertThat(shards.of("user-3")).isEqualTo(3);
        assertThat(shards.of("user-5")).isEqualTo(2);
        assertThat(shards.of("user-6")).isEqualTo(1);
        assertThat(shards.of("5f0c6f1e-2b7d-4c1a-9a55-3f2d1e0c9b8a")).isEqualTo(2);
    }

    @Test
    void everyUserGetsOnePartitionInRangeAndAllPartitionsAreUsed() {
        UserShards shards = new UserShards(8);
        Set<Integer> used = new HashSet<>();
        IntStream.range(0, 1000).forEach(i -> {
            int shard = shards.of("user-" + i);
            assertThat(shard).isBetween(0, 7).isEqualTo(shards.of("user-" + i));
            used.add(shard);
        });
        assertThat(used).hasSize(8);
    }

    @Test
    void needsAtLeastOnePartition() {
        assertThatThrownBy(() -> new UserShards(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
