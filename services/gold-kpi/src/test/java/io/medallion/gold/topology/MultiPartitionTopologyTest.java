package io.medallion.gold.topology;

import io.medallion.avro.gold.Kpi1m;
import io.medallion.avro.gold.LateEvent;
import io.medallion.avro.silver.EventType;
import io.medallion.avro.silver.WebEvent;
import io.medallion.gold.reference.ReferenceKpi;
import io.medallion.gold.support.GoldDriver;
import io.medallion.gold.support.ReferenceKpis;
import io.medallion.gold.support.WebEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static io.medallion.gold.support.WebEvents.view;
import static org.assertj.core.api.Assertions.assertThat;

/** Users spread over several by-user partitions: the combined KPIs equal a brute-force computation. */
class MultiPartitionTopologyTest {

    private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

    private record Arrival(Instant at, WebEvent event) {
    }

    @ParameterizedTest(name = "seed {0}, {1} partitions")
    @CsvSource({"1, 4", "2, 4", "3, 7", "4, 1"})
    void randomTrafficGivesTheBruteForceKpisAndLateEvents(long seed, int partitions) {
        Random random = new Random(seed);
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Instant ts = START.plusMillis(random.nextInt(6 * 60_000));
            // Most events arrive within seconds, some 20-60 s later (many of them late).
            long delayMs = random.nextInt(100) < 90 ? random.nextInt(5_000) : 20_000 + random.nextInt(40_000);
            Instant arrival = ts.plusMillis(delayMs);
            WebEvent event = randomEvent(random, "user-" + random.nextInt(60), ts);
            event.setSourceTs(arrival);
            if (random.nextInt(100) == 0) {
                // A tracker clock ahead of the database: ts after its commit time.
                event.setTs(arrival.plusSeconds(1 + random.nextInt(240)));
            }
            arrivals.add(new Arrival(arrival, event));
        }
        arrivals.sort(Comparator.comparing(Arrival::at));

        ReferenceKpis reference = new ReferenceKpis(60_000, 15_000, 1_000);
        List<Kpi1m> emitted;
        List<String> late = new ArrayList<>();
        try (GoldDriver gold = new GoldDriver(partitions)) {
            Instant nextHeartbeat = START;
            for (Arrival arrival : arrivals) {
                while (nextHeartbeat.isBefore(arrival.at())) {
                    gold.heartbeat(nextHeartbeat);
                    reference.heartbeat(nextHeartbeat);
                    nextHeartbeat = nextHeartbeat.plusSeconds(5);
                }
                gold.send(arrival.event());
                reference.event(arrival.event());
            }
            gold.heartbeat(START.plus(Duration.ofHours(1)));
            emitted = gold.emittedKpis();
            gold.late.readValuesToList().stream().map(LateEvent::getEvent).map(WebEvent::getEventId).forEach(late::add);
            assertThat(gold.deadLetters.isEmpty()).isTrue();
        }

        assertThat(late).containsExactlyInAnyOrderElementsOf(reference.lateEventIds());
        assertThat(reference.lateEventIds()).as("the traffic has late events").isNotEmpty();
        assertThat(emitted.stream().map(ReferenceKpi::of).toList()).containsExactlyElementsOf(reference.kpis());
        assertThat(emitted).allSatisfy(k -> assertThat(k.getPartials()).isBetween(1, partitions));
        if (partitions > 1) {
            assertThat(emitted).anySatisfy(k -> assertThat(k.getPartials()).isGreaterThan(1));
        }
    }

    @Test
    void partitionsWithoutEventsStillCloseWindowsThroughBroadcastWatermarks() {
        try (GoldDriver gold = new GoldDriver(4)) {
            // user-1 lives in partition 0, user-3 in partition 3 (pinned in UserShardsTest).
            gold.send(view("user-1", START.plusSeconds(10)));
            gold.send(view("user-3", START.plusSeconds(75)));

            Kpi1m kpi = gold.kpis.readValue();
            assertThat(kpi.getWindowStart()).isEqualTo(START);
            assertThat(kpi.getActiveUsers()).isEqualTo(1);
            assertThat(kpi.getPartials()).isEqualTo(1);
        }
    }

    @Test
    void heartbeatsCloseWindowsWhenTrafficStops() {
        try (GoldDriver gold = new GoldDriver(4)) {
            IntStream.rangeClosed(1, 9).forEach(i -> gold.send(view("user-" + i, START.plusSeconds(i))));
            gold.heartbeat(START.plusSeconds(74));
            assertThat(gold.kpis.isEmpty()).isTrue();

            gold.heartbeat(START.plusSeconds(75));
            Kpi1m kpi = gold.kpis.readValue();
            assertThat(kpi.getActiveUsers()).isEqualTo(9);
            assertThat(kpi.getPartials()).isEqualTo(4);
        }
    }

    private static WebEvent randomEvent(Random random, String user, Instant ts) {
        int kind = random.nextInt(10);
        if (kind < 6) {
            return WebEvents.event(user, EventType.page_view, ts, null, null);
        }
        if (kind < 8) {
            return WebEvents.event(user, EventType.add_to_cart, ts, null, null);
        }
        BigDecimal price = BigDecimal.valueOf(1 + random.nextInt(100_000), 2);
        return WebEvents.event(user, EventType.purchase, ts, price, 1 + random.nextInt(5));
    }
}
