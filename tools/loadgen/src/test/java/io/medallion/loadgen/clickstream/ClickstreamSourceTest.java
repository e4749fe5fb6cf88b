package io.medallion.loadgen.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.medallion.loadgen.Anomaly;
import io.medallion.loadgen.GeneratedBatch;
import io.medallion.loadgen.model.Catalog;
import io.medallion.loadgen.model.RowWrite;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickstreamSourceTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void aDuplicateRepeatsTheWrittenRowIncludingItsTimestampAndIsCountedOnce() {
        ClickstreamProfile profile = new ClickstreamProfile(100, 50, 0.3, 0.1, 0.05, 0.05, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(60), 20);
        ClickstreamSource source = new ClickstreamSource(new ClickstreamFactory(9, profile, Catalog.generate(9, 50)));

        List<RowWrite> rows = new ArrayList<>();
        long duplicates = 0;
        long invalid = 0;
        long validEvents = 0;
        for (int batch = 0; batch < 20; batch++) {
            // Each batch is written a second later: re-sends must keep the original ts anyway.
            GeneratedBatch b = source.next(50, T0.plusSeconds(batch));
            assertThat(b.events()).isEqualTo(50);
            assertThat(b.writes()).hasSize(50);
            rows.addAll(b.writes());
            duplicates += b.tally().anomalies().getOrDefault(Anomaly.DUPLICATE, 0L);
            invalid += b.tally().anomalies().entrySet().stream().filter(e -> e.getKey().invalid())
                    .mapToLong(Map.Entry::getValue).sum();
            validEvents += b.tally().validEvents().values().stream().mapToLong(Long::longValue).sum();
        }

        Map<Object, Integer> copiesByEventId = new HashMap<>();
        Map<Object, RowWrite.Insert> firstByEventId = new HashMap<>();
        for (RowWrite w : rows) {
            RowWrite.Insert row = (RowWrite.Insert) w;
            Object eventId = row.value("event_id");
            copiesByEventId.merge(eventId, 1, Integer::sum);
            RowWrite.Insert first = firstByEventId.putIfAbsent(eventId, row);
            if (first != null) {
                assertThat(row.values()).isEqualTo(first.values());
                assertThat(row.value("ts")).isInstanceOf(OffsetDateTime.class);
            }
        }
        long repeated = copiesByEventId.values().stream().mapToLong(n -> n - 1).sum();
        assertThat(duplicates).isPositive().isEqualTo(repeated);
        assertThat(validEvents + invalid + duplicates).isEqualTo(rows.size());
    }
}
