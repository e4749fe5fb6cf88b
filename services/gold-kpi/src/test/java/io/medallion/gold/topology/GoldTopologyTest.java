package io.medallion.gold.topology;

import io.medallion.avro.gold.Kpi1m;
import io.medallion.avro.gold.LateEvent;
import io.medallion.avro.silver.WebEvent;
import io.medallion.gold.support.GoldDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.medallion.gold.support.WebEvents.cart;
import static io.medallion.gold.support.WebEvents.purchase;
import static io.medallion.gold.support.WebEvents.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The KPI semantics of DESIGN.md section 6 on one by-user partition, with fixed instants. */
class GoldTopologyTest {

    private static final Instant NOON = Instant.parse("2025-03-01T12:00:00Z");
    private static final Instant ONE = Instant.parse("2025-03-01T12:01:00Z");

    private final GoldDriver gold = new GoldDriver(1);

    @AfterEach
    void close() {
        gold.close();
    }

    private static Instant at(String time) {
        return Instant.parse("2025-03-01T" + time + "Z");
    }

    @Test
    void theLastMillisecondOfAWindowAndTheFirstOfTheNextGoToDifferentWindows() {
        gold.send(view("u1", at("12:00:59.999")));
        gold.send(view("u2", at("12:01:00.000")));
        gold.heartbeat(at("12:02:15"));

        List<Kpi1m> kpis = gold.emittedKpis();
        assertThat(kpis).extracting(Kpi1m::getWindowStart).containsExactly(NOON, ONE);
        assertThat(kpis).extracting(Kpi1m::getWindowEnd).containsExactly(ONE, at("12:02:00"));
        assertThat(kpis).extracting(Kpi1m::getEvents).containsExactly(1L, 1L);
    }

    @Test
    void aWindowIsEmittedOnceWhenStreamTimeReachesEndPlusGraceKeyedByItsStart() {
        gold.send(view("u1", at("12:00:10")));
        gold.heartbeat(at("12:01:14.999"));
        assertThat(gold.kpis.isEmpty()).isTrue();

        gold.heartbeat(at("12:01:15"));
        TestRecord<Long, Kpi1m> record = gold.kpis.readRecord();
        assertThat(record.key()).isEqualTo(NOON.toEpochMilli());
        assertThat(record.value().getWindowStart()).isEqualTo(NOON);
        assertThat(record.value().getClosedAt()).isEqualTo(GoldDriver.PROCESSING_TIME);
        assertThat(record.value().getPartials()).isEqualTo(1);

        gold.heartbeat(at("12:05:00"));
        gold.send(view("u2", at("12:05:01")));
        gold.heartbeat(at("12:30:00"));
        assertThat(gold.emittedKpis()).extracting(Kpi1m::getWindowStart).containsExactly(at("12:05:00"));
        assertThat(gold.metrics.windowsEmitted()).isEqualTo(2);
        assertThat(gold.heard).extracting(Kpi1m::getWindowStart).containsExactly(NOON, at("12:05:00"));
    }

    @Test
    void anEventTenSecondsPastItsWindowEndIsCountedOneTwentySecondsPastIsLate() {
        gold.send(view("u1", at("12:00:30")));
        gold.heartbeat(at("12:01:10"));
        WebEvent tenSecondsLate = view("u2", at("12:00:40"));
        gold.send(tenSecondsLate);
        gold.heartbeat(at("12:01:20"));
        WebEvent twentySecondsLate = view("u3", at("12:00:50"));
        gold.send(twentySecondsLate);
        gold.heartbeat(at("12:03:00"));

        Kpi1m noon = gold.emittedKpis().get(0);
        assertThat(noon.getWindowStart()).isEqualTo(NOON);
        assertThat(noon.getEvents()).isEqualTo(2);
        assertThat(noon.getActiveUsers()).isEqualTo(2);

        TestRecord<String, LateEvent> late = gold.late.readRecord();
        assertThat(late.key()).isEqualTo(twentySecondsLate.getEventId());
        assertThat(late.value().getEvent()).isEqualTo(twentySecondsLate);
        assertThat(late.value().getWindowStart()).isEqualTo(NOON);
        assertThat(late.value().getWindowEnd()).isEqualTo(ONE);
        assertThat(late.value().getStreamTime()).isEqualTo(at("12:01:20"));
        assertThat(late.value().getLatenessMs()).isEqualTo(5_000);
        assertThat(late.value().getDetectedAt()).isEqualTo(GoldDriver.PROCESSING_TIME);
        assertThat(gold.late.isEmpty()).isTrue();
        assertThat(gold.metrics.lateEvents()).isEqualTo(1);
    }

    @Test
    void eventsArrivingOutOfOrderAreCountedInTheirOwnWindows() {
        // Stream time reaches 12:01:10 first: the 12:00 window is still within its grace.
        gold.send(view("u1", at("12:01:10")));
        gold.send(view("u2", at("12:00:50")));
        gold.send(purchase("u3", at("12:00:05"), "10.00", 1));
        gold.send(view("u4", at("12:01:02")));
        gold.send(cart("u5", at("12:00:59")));
        gold.heartbeat(at("12:03:00"));

        List<Kpi1m> kpis = gold.emittedKpis();
        assertThat(kpis).extracting(Kpi1m::getWindowStart).containsExactly(NOON, ONE);
        assertThat(kpis.get(0).getEvents()).isEqualTo(3);
        assertThat(kpis.get(0).getOrders()).isEqualTo(1);
        assertThat(kpis.get(0).getAddToCarts()).isEqualTo(1);
        assertThat(kpis.get(1).getEvents()).isEqualTo(2);
        assertThat(kpis.get(1).getPageViews()).isEqualTo(2);
        assertThat(gold.late.isEmpty()).isTrue();
    }

    @Test
    void distinctUsersAreCountedOncePerKindAcrossEventTypes() {
        gold.send(view("u1", at("12:00:01")));
        gold.send(view("u1", at("12:00:02")));
        gold.send(purchase("u1", at("12:00:03"), "5.00", 1));
        gold.send(purchase("u1", at("12:00:04"), "5.00", 1));
        gold.send(view("u2", at("12:00:05")));
        gold.send(cart("u3", at("12:00:06")));
        gold.send(cart("u3", at("12:00:07")));
        gold.send(purchase("u4", at("12:00:08"), "1.00", 2));
        gold.heartbeat(at("12:01:15"));

        Kpi1m kpi = gold.emittedKpis().get(0);
        assertThat(kpi.getEvents()).isEqualTo(8);
        assertThat(kpi.getPageViews()).isEqualTo(3);
        assertThat(kpi.getAddToCarts()).isEqualTo(2);
        assertThat(kpi.getOrders()).isEqualTo(3);
        assertThat(kpi.getViewUsers()).isEqualTo(2);
        assertThat(kpi.getPurchaseUsers()).isEqualTo(2);
        assertThat(kpi.getActiveUsers()).isEqualTo(4);
        assertThat(kpi.getConversionRate()).isEqualTo(new BigDecimal("1.0000"));
        assertThat(kpi.getGmv()).isEqualTo(new BigDecimal("12.00"));
    }

    @Test
    void gmvIsExactDecimalArithmetic() {
        gold.send(purchase("u1", at("12:00:01"), "19.99", 3));
        gold.send(purchase("u2", at("12:00:02"), "0.10", 1));
        gold.send(purchase("u3", at("12:00:03"), "0.20", 1));
        gold.send(purchase("u4", at("12:00:04"), "1234567.89", 7));
        gold.heartbeat(at("12:01:15"));

        assertThat(gold.emittedKpis().get(0).getGmv()).isEqualTo(new BigDecimal("8642035.50"));
    }

    @Test
    void conversionRateRoundsHalfUpAndDividesByOneWithoutViews() {
        // 12:00 -> 1 buyer of 3 viewers; 12:01 -> 2 of 3; 12:02 -> 1 buyer, no viewers.
        for (String user : List.of("a", "b", "c")) {
            gold.send(view(user, at("12:00:10")));
            gold.send(view(user, at("12:01:10")));
        }
        gold.send(purchase("a", at("12:00:20"), "1.00", 1));
        gold.send(purchase("a", at("12:01:20"), "1.00", 1));
        gold.send(purchase("b", at("12:01:21"), "1.00", 1));
        gold.send(purchase("z", at("12:02:20"), "1.00", 1));
        gold.heartbeat(at("12:04:00"));

        assertThat(gold.emittedKpis()).extracting(Kpi1m::getConversionRate)
                .containsExactly(new BigDecimal("0.3333"), new BigDecimal("0.6667"), new BigDecimal("1.0000"));
    }

    @Test
    void windowsWithoutEventsAreNotEmitted() {
        gold.send(view("u1", at("12:00:10")));
        gold.send(view("u1", at("12:05:10")));
        gold.heartbeat(at("12:10:00"));

        assertThat(gold.emittedKpis()).extracting(Kpi1m::getWindowStart).containsExactly(NOON, at("12:05:00"));
    }

    @Test
    void eventsAloneAdvanceTimeInStepsOfTheWatermarkInterval() {
        gold.send(view("u1", at("12:00:10")));
        gold.send(view("u2", at("12:01:14.999")));
        assertThat(gold.kpis.isEmpty()).isTrue();

        gold.send(view("u3", at("12:01:15.000")));
        assertThat(gold.emittedKpis()).extracting(Kpi1m::getWindowStart).containsExactly(NOON);
    }

    @Test
    void anEventStampedInTheFutureDoesNotCloseTheCurrentWindows() {
        gold.send(view("u1", at("12:00:10")));
        WebEvent skewed = view("u2", at("12:04:00"));
        skewed.setSourceTs(at("12:00:11"));
        gold.send(skewed);
        gold.send(view("u3", at("12:00:20")));
        gold.heartbeat(at("12:05:15"));

        assertThat(gold.emittedKpis()).extracting(Kpi1m::getWindowStart, Kpi1m::getEvents)
                .containsExactly(tuple(NOON, 2L), tuple(at("12:04:00"), 1L));
        assertThat(gold.late.isEmpty()).isTrue();
    }

    @Test
    void onlyArrivalsAreCountedUpdatesAndDeletesOfRowsAreSkippedAndCounted() {
        WebEvent snapshot = view("u1", at("12:00:01"));
        snapshot.setOp("r");
        WebEvent update = view("u2", at("12:00:02"));
        update.setOp("u");
        WebEvent delete = view("u3", at("12:00:03"));
        delete.setOp("d");
        gold.send(snapshot);
        gold.send(update);
        gold.send(delete);
        gold.send(view("u4", at("12:00:04")));
        gold.heartbeat(at("12:01:15"));

        Kpi1m kpi = gold.emittedKpis().get(0);
        assertThat(kpi.getEvents()).isEqualTo(2);
        assertThat(kpi.getActiveUsers()).isEqualTo(2);
        assertThat(gold.metrics.changesSkipped()).isEqualTo(2);
        assertThat(gold.late.isEmpty()).isTrue();
        assertThat(gold.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void withoutTrafficOrHeartbeatsAWindowStaysOpen() {
        gold.send(view("u1", at("12:00:10")));
        gold.driver().advanceWallClockTime(Duration.ofMinutes(10));
        assertThat(gold.kpis.isEmpty()).isTrue();
    }
}
