package io.medallion.local;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DrainTest {

    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);
    private static final TopicPartition B0 = new TopicPartition("b", 0);

    @Test
    void aPartitionIsDrainedOnceTheCommittedPositionIsPastItsLastDataRecord() {
        // Positions are "next offset to read"; a transactional topic's end lies beyond its last data record.
        assertThat(Drain.behind(Map.of(A0, 10L, A1, 7L), Map.of(A0, 9L, A1, 6L))).isEmpty();
        assertThat(Drain.behind(Map.of(A0, 12L), Map.of(A0, 9L))).isEmpty();
    }

    @Test
    void namesEveryPartitionStillBehindInOrderCountingAMissingPositionAsZero() {
        assertThat(Drain.behind(Map.of(A1, 3L, A0, 9L), Map.of(B0, 0L, A1, 5L, A0, 9L)))
                .containsExactly("a-0 at 9 of 10", "a-1 at 3 of 6", "b-0 at 0 of 1");
    }

    @Test
    void partitionsWithoutDataNeedNoPosition() {
        assertThat(Drain.behind(Map.of(), Map.of())).isEmpty();
    }

    @Test
    void repartitionTopicsAreRecognisedByApplicationId() {
        assertThat(StreamsTopics.isRepartition("medallion-gold-kpi", "medallion-gold-kpi-gold-by-user-repartition")).isTrue();
        assertThat(StreamsTopics.isRepartition("medallion-gold-kpi", "medallion-gold-kpi-gold-shard-windows-changelog")).isFalse();
        assertThat(StreamsTopics.isRepartition("medallion-gold-kpi", "other-app-x-repartition")).isFalse();
    }
}
