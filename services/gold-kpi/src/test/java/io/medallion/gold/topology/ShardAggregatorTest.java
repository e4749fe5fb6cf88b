package io.medallion.gold.topology;

import io.medallion.avro.silver.WebEvent;
import io.medallion.gold.kpi.KpiWindows;
import io.medallion.gold.kpi.PartialCounts;
import io.medallion.gold.kpi.UserFlags;
import io.medallion.gold.metrics.GoldMetrics;
import io.medallion.gold.state.InternalSerdes;
import io.medallion.gold.state.ShardClock;
import io.medallion.gold.state.ShardWindowKey;
import io.medallion.gold.state.ShardWindowUserKey;
import io.medallion.gold.support.TestStores;
import io.medallion.gold.topology.ShardOutput.Late;
import io.medallion.gold.topology.ShardOutput.ShardProgress;
import io.medallion.gold.topology.ShardOutput.WindowPartial;
import io.medallion.gold.topology.ShardRecord.ShardedEvent;
import io.medallion.gold.topology.ShardRecord.Watermark;
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
import java.util.List;

import static io.medallion.gold.support.WebEvents.purchase;
import static io.medallion.gold.support.WebEvents.view;
import static org.assertj.core.api.Assertions.assertThat;

class ShardAggregatorTest {

    private static final Instant NOON = Instant.parse("2025-03-01T12:00:00Z");
    private static final long W0 = NOON.toEpochMilli();
    private static final long W1 = W0 + 60_000;

    private final MockProcessorContext<String, ShardOutput> context = new MockProcessorContext<>();
    private final KeyValueStore<Integer, ShardClock> clocks =
            TestStores.add(context, GoldTopology.SHARD_CLOCKS_STORE, Serdes.Integer(), InternalSerdes.shardClock());
    private final KeyValueStore<ShardWindowKey, PartialCounts> partials =
            TestStores.add(context, GoldTopology.SHARD_WINDOWS_STORE, InternalSerdes.shardWindowKey(), InternalSerdes.partialCounts());
    private final KeyValueStore<ShardWindowUserKey, UserFlags> users =
            TestStores.add(context, GoldTopology.SHARD_USERS_STORE, InternalSerdes.shardWindowUserKey(), InternalSerdes.userFlags());
    private final GoldMetrics metrics = new GoldMetrics(new SimpleMeterRegistry());
    private ShardAggregator aggregator = started();

    private ShardAggregator started() {
        ShardAggregator a = new ShardAggregator(new KpiWindows(Duration.ofMinutes(1), Duration.ofSeconds(15)), metrics,
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC), InternalSerdes.shardWindowKey().serializer());
        a.init(context);
        return a;
    }

    private void event(int shard, WebEvent event) {
        aggregator.process(new Record<>(event.getEventId(), new ShardedEvent(shard, event), event.getTs().toEpochMilli()));
    }

    private void watermark(int shard, Instant at) {
        aggregator.process(new Record<>("", new Watermark(shard, at.toEpochMilli()), at.toEpochMilli()));
    }

    private List<ShardOutput> forwarded() {
        List<ShardOutput> out = context.forwarded().stream().<ShardOutput>map(f -> f.record().value()).toList();
        context.resetForwards();
        return out;
    }

    @Test
    void eachPartitionClosesItsWindowsInOrderPartialsBeforeProgressAndForgetsThem() {
        event(0, view("a", NOON.plusSeconds(5)));
        event(0, purchase("a", NOON.plusSeconds(65), "2.50", 2));
        event(1, view("b", NOON.plusSeconds(6)));
        assertThat(users.approximateNumEntries()).isEqualTo(3);

        watermark(0, NOON.plusSeconds(135));
        assertThat(forwarded()).containsExactly(
                new WindowPartial(0, W0, new PartialCounts(1, 1, 0, 0, new BigDecimal("0.00"), 1, 0, 1)),
                new WindowPartial(0, W1, new PartialCounts(1, 0, 0, 1, new BigDecimal("5.00"), 0, 1, 1)),
                new ShardProgress(0, W1 + 60_000));
        assertThat(partials.get(new ShardWindowKey(0, W0))).isNull();
        assertThat(partials.get(new ShardWindowKey(1, W0))).isNotNull();
        assertThat(users.approximateNumEntries()).isEqualTo(1);
    }

    @Test
    void aWatermarkThatDoesNotCloseAWindowOnlyMovesTheClock() {
        watermark(0, NOON.plusSeconds(10));
        assertThat(forwarded()).containsExactly(new ShardProgress(0, W0 - 60_000));
        watermark(0, NOON.plusSeconds(14));
        watermark(0, NOON.plusSeconds(12));
        assertThat(forwarded()).isEmpty();
        assertThat(clocks.get(0)).isEqualTo(new ShardClock(NOON.plusSeconds(14).toEpochMilli(), W0 - 60_000));
    }

    @Test
    void afterARestartOnTheSameStoresClosedWindowsStayClosedAndOpenOnesKeepTheirCounts() {
        event(0, view("a", NOON.plusSeconds(5)));
        watermark(0, NOON.plusSeconds(75));
        event(0, view("b", NOON.plusSeconds(80)));
        forwarded();

        aggregator = started();
        WebEvent late = view("c", NOON.plusSeconds(30));
        event(0, late);
        event(0, view("d", NOON.plusSeconds(90)));
        watermark(0, NOON.plusSeconds(135));

        List<ShardOutput> out = forwarded();
        assertThat(out.get(0)).isInstanceOf(Late.class);
        assertThat(((Late) out.get(0)).event().getEvent()).isEqualTo(late);
        assertThat(out.subList(1, out.size())).containsExactly(
                new WindowPartial(0, W1, new PartialCounts(2, 2, 0, 0, new BigDecimal("0.00"), 2, 0, 2)),
                new ShardProgress(0, W1 + 60_000));
        assertThat(metrics.lateEvents()).isEqualTo(1);
        assertThat(metrics.eventsCounted()).isEqualTo(3);
    }
}
