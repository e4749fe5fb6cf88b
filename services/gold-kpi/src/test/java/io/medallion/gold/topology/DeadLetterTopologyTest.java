package io.medallion.gold.topology;

import io.medallion.avro.common.DeadLetter;
import io.medallion.avro.gold.Kpi1m;
import io.medallion.avro.silver.EventType;
import io.medallion.avro.silver.WebEvent;
import io.medallion.gold.support.GoldDriver;
import io.medallion.gold.support.WebEvents;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input is dead-lettered with its reason and bytes, counted, and processing goes on. */
class DeadLetterTopologyTest {

    private static final Instant NOON = Instant.parse("2025-03-01T12:00:00Z");

    private GoldDriver gold = new GoldDriver(2);

    @AfterEach
    void close() {
        gold.close();
    }

    @Test
    void anUndecodableSilverRecordIsDeadLetteredAndTheNextEventCounted() {
        gold.close();
        gold = GoldDriver.atLeastOnce(2);
        byte[] garbage = {7, 1, 2, 3};
        gold.sendRaw("k".getBytes(), garbage);
        gold.send(WebEvents.view("u1", NOON.plusSeconds(1)));
        gold.heartbeat(NOON.plusSeconds(75));

        TestRecord<String, DeadLetter> letter = gold.deadLetters.readRecord();
        assertThat(letter.key()).isEqualTo("silver.web_events");
        assertThat(letter.value().getFailureKind()).isEqualTo("deserialization");
        assertThat(letter.value().getService()).isEqualTo("gold-kpi");
        assertThat(letter.value().getSourceTopic()).isEqualTo("silver.web_events");
        assertThat(letter.value().getValue()).isEqualTo(ByteBuffer.wrap(garbage));
        assertThat(letter.value().getReason()).isNotBlank();
        assertThat(gold.emittedKpis()).extracting(Kpi1m::getEvents).containsExactly(1L);
        assertThat(gold.metrics.deadLetters()).isEqualTo(1);
    }

    @Test
    void aPurchaseWithoutPriceIsDeadLetteredWithItsSilverBytesAndNotCounted() {
        WebEvent broken = WebEvents.event("u1", EventType.purchase, NOON.plusSeconds(1), null, 1);
        gold.send(broken);
        gold.send(WebEvents.view("u2", NOON.plusSeconds(2)));
        gold.heartbeat(NOON.plusSeconds(75));

        DeadLetter letter = gold.deadLetters.readValue();
        assertThat(letter.getFailureKind()).isEqualTo("processing");
        assertThat(letter.getSourceTopic()).isEqualTo("silver.web_events");
        assertThat(letter.getReason()).contains(broken.getEventId()).contains("positive price and quantity");
        assertThat(letter.getValue()).isNotNull();
        Kpi1m kpi = gold.kpis.readValue();
        assertThat(kpi.getEvents()).isEqualTo(1);
        assertThat(kpi.getOrders()).isZero();
    }
}
