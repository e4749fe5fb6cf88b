package io.medallion.gold.topology;

import io.medallion.avro.gold.Kpi1m;
import io.medallion.gold.kpi.KpiWindows;
import io.medallion.gold.kpi.PartialCounts;
import io.medallion.gold.metrics.GoldMetrics;
import io.medallion.gold.state.CombinedWindow;
import io.medallion.gold.state.InternalSerdes;
import io.medallion.gold.support.TestStores;
import io.medallion.gold.topology.ShardOutput.CombinerInput;
import io.medallion.gold.topology.ShardOutput.ShardProgress;
import io.medallion.gold.topology.ShardOutput.WindowPartial;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

class PartialCombinerTest {

    private static final long W0 = Instant.parse("2025-03-01T12:00:00Z").toEpochMilli();
    private static final long W1 = W0 + 60_000;
    private static final long W2 = W1 + 60_000;
    private static final PartialCounts A = new PartialCounts(3, 2, 0, 1, new BigDecimal("5.00"), 2, 1, 2);
    private static final PartialCounts B = new PartialCounts(2, 1, 1, 0, new BigDecimal("0.00"), 1, 0, 2);

    private final KpiWindows windows = new KpiWindows(Duration.ofMinutes(1), Duration.ofSeconds(15));
    private final GoldMetrics metrics = new GoldMetrics(new SimpleMeterRegistry());
    private final List<Kpi1m> heard = new ArrayList<>();
    private final MockProcessorContext<Long, Kpi1m> context = new MockProcessorContext<>();
    private final KeyValueStore<Integer, Long> watermarks =
            TestStores.add(context, GoldTopology.COMBINER_WATERMARKS_STORE, Serdes.Integer(), Serdes.Long());
    private final KeyValueStore<Long, CombinedWindow> open =
            TestStores.add(context, GoldTopology.COMBINER_WINDOWS_STORE, InternalSerdes.windowStartKey(), InternalSerdes.combinedWindow());
    private PartialCombiner combiner = started();

    private PartialCombiner started() {
        PartialCombiner c = new PartialCombiner(windows, new UserShards(3), metrics, heard::add,
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
        c.init(context);
        return c;
    }

    private void send(CombinerInput input) {
        combiner.process(new Record<>(String.valueOf(input.shard()), input, 0L));
    }

    private List<Kpi1m> emitted() {
        List<Kpi1m> out = context.forwarded().stream().<Kpi1m>map(f -> f.record().value()).toList();
        context.resetForwards();
        return out;
    }

    @Test
    void aWindowIsFinalOnlyOnceEveryPartitionHasClosedIt() {
        send(new WindowPartial(0, W0, A));
        send(new ShardProgress(0, W1));
        send(new WindowPartial(1, W0, B));
        send(new ShardProgress(1, W1));
        assertThat(emitted()).isEmpty();

        send(new ShardProgress(2, W1));
        List<Kpi1m> kpis = emitted();
        assertThat(kpis).hasSize(1);
        assertThat(kpis.get(0).getEvents()).isEqualTo(5);
        assertThat(kpis.get(0).getActiveUsers()).isEqualTo(4);
        assertThat(kpis.get(0).getPartials()).isEqualTo(2);
        assertThat(context.forwarded()).isEmpty();
        assertThat(heard).hasSize(1);
    }

    @Test
    void theSlowestPartitionHoldsWindowsBackAndReleasesThemInOrder() {
        send(new WindowPartial(0, W0, A));
        send(new WindowPartial(0, W1, B));
        send(new ShardProgress(0, W2));
        send(new ShardProgress(1, W2));
        send(new ShardProgress(2, W1));
        assertThat(emitted()).extracting(Kpi1m::getWindowStart).containsExactly(Instant.ofEpochMilli(W0));

        send(new ShardProgress(2, W2));
        assertThat(emitted()).extracting(Kpi1m::getWindowStart).containsExactly(Instant.ofEpochMilli(W1));
        assertThat(open.approximateNumEntries()).isZero();
    }

    @Test
    void aPartitionThatReportsFirstAfterAWindowClosedContributesNothingToIt() {
        send(new WindowPartial(0, W0, A));
        send(new ShardProgress(0, W1));
        send(new ShardProgress(1, W1));
        send(new ShardProgress(2, W2));
        Kpi1m kpi = emitted().get(0);
        assertThat(kpi.getEvents()).isEqualTo(3);
        assertThat(kpi.getPartials()).isEqualTo(1);
    }

    @Test
    void aRestartedCombinerOnTheSameStoresNeitherReEmitsNorLosesAWindow() {
        send(new WindowPartial(0, W0, A));
        send(new WindowPartial(1, W1, B));
        for (int shard = 0; shard < 3; shard++) {
            send(new ShardProgress(shard, W1));
        }
        assertThat(emitted()).extracting(Kpi1m::getWindowStart).containsExactly(Instant.ofEpochMilli(W0));

        combiner = started();
        send(new ShardProgress(0, W1));
        assertThat(emitted()).isEmpty();
        for (int shard = 0; shard < 3; shard++) {
            send(new ShardProgress(shard, W2));
        }
        assertThat(emitted()).extracting(Kpi1m::getWindowStart, Kpi1m::getEvents)
                .containsExactly(tuple(Instant.ofEpochMilli(W1), 2L));
    }

    @Test
    void aPartialForAnEmittedWindowBreaksAnInvariantAndFailsLoudly() {
        for (int shard = 0; shard < 3; shard++) {
            send(new ShardProgress(shard, W1));
        }
        assertThatThrownBy(() -> send(new WindowPartial(1, W0, A)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("after the window was emitted");
    }

    @Test
    void aRecordFromAnUnknownPartitionFailsLoudly() {
        assertThatThrownBy(() -> send(new ShardProgress(3, W1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("medallion.gold.partitions");
    }

    @Test
    void aWindowTheContractCannotHoldFailsAfterTheOtherWindowsWentOut() {
        PartialCounts impossibleRate = new PartialCounts(1000, 0, 0, 1000, new BigDecimal("1000.00"), 0, 1000, 1000);
        send(new WindowPartial(0, W0, impossibleRate));
        send(new WindowPartial(0, W1, A));
        send(new ShardProgress(0, W2));
        send(new ShardProgress(1, W2));

        assertThatThrownBy(() -> send(new ShardProgress(2, W2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("decimal(7,4)").hasMessageContaining("events=1000");
        assertThat(emitted()).extracting(Kpi1m::getWindowStart).containsExactly(Instant.ofEpochMilli(W1));
        assertThat(open.approximateNumEntries()).isZero();
        assertThat(watermarks.get(2)).isEqualTo(W2);
    }
}
