package io.medallion.silver.source;

import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EventTimeExtractorTest {

    private static final long RECORD_TIMESTAMP = 1_000L;

    private static ConsumerRecord<Object, Object> record(Object value) {
        return new ConsumerRecord<>("cdc.shop.web_events", 0, 0L, RECORD_TIMESTAMP, TimestampType.CREATE_TIME, 0, 0,
                null, value, new RecordHeaders(), Optional.empty());
    }

    private static ChangeEvent webEvent(Object ts) {
        GenericRecord row = Samples.with("web_events", 1, "ts", ts);
        return ChangeEvent.of(Cdc.insert("web_events", row, 1L, Samples.COMMIT), new byte[0]);
    }

    @Test
    void clickstreamEventTimeIsTheTsColumn() {
        Instant ts = Instant.parse("2025-06-01T11:58:30.250Z");

        assertThat(EventTimeExtractor.column("ts").extract(record(webEvent(ts)), 0L)).isEqualTo(ts.toEpochMilli());
    }

    @Test
    void clickstreamWithoutAUsableTsFallsBackToTheCommitTime() {
        assertThat(EventTimeExtractor.column("ts").extract(record(webEvent(null)), 0L)).isEqualTo(Samples.COMMIT.toEpochMilli());
        assertThat(EventTimeExtractor.column("ts").extract(record(webEvent(Instant.parse("1960-01-01T00:00:00Z"))), 0L))
                .isEqualTo(Samples.COMMIT.toEpochMilli());
    }

    @Test
    void clickstreamTsFarAheadOfItsCommitFallsBackToTheCommitTimeSoTheBrokerAcceptsTheOutput() {
        // Regression (found by launcher FleetIT): the load generator's FUTURE_TS rows (days ahead) were
        // quarantined with their ts as record timestamp; the broker refused it and the stream thread died.
        Instant withinAnHour = Samples.COMMIT.plus(EventTimeExtractor.MAX_AHEAD_OF_COMMIT);
        Instant daysAhead = Samples.COMMIT.plus(java.time.Duration.ofDays(2));

        assertThat(EventTimeExtractor.column("ts").extract(record(webEvent(withinAnHour)), 0L)).isEqualTo(withinAnHour.toEpochMilli());
        assertThat(EventTimeExtractor.column("ts").extract(record(webEvent(daysAhead)), 0L)).isEqualTo(Samples.COMMIT.toEpochMilli());
    }

    @Test
    void changeEventTimeIsTheSourceCommitTime() {
        ChangeEvent order = ChangeEvent.of(Cdc.insert("orders", Samples.avroRow("orders", 1), 1L, Samples.COMMIT), new byte[0]);

        assertThat(EventTimeExtractor.commitTime().extract(record(order), 0L)).isEqualTo(Samples.COMMIT.toEpochMilli());
    }

    @Test
    void anythingElseKeepsItsRecordTimestamp() {
        assertThat(EventTimeExtractor.commitTime().extract(record("not a change"), 0L)).isEqualTo(RECORD_TIMESTAMP);
    }
}
