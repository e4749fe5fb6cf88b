package io.medallion.silver.source;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import java.time.Duration;
import java.time.Instant;

/**
 * Event time of a change record (DESIGN.md section 5): a row column for the clickstream
 * ({@code ts}), the source commit time ({@code source.ts_ms}) for every other change.
 *
 * <p>A clickstream row whose {@code ts} is missing, unreadable, before 1970 or more than
 * {@link #MAX_AHEAD_OF_COMMIT} after its commit time falls back to its commit time: such a row is
 * quarantined anyway and only needs a usable timestamp on the way. (The event time becomes the
 * output records' timestamp, and brokers refuse timestamps more than an hour ahead of their clock
 * by default, {@code log.message.timestamp.after.max.ms}: under exactly_once_v2 one refused
 * record aborts the transaction and stops the stream thread.) Event times are epoch milliseconds.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    /** The broker's default limit on record timestamps ahead of its clock. */
    public static final Duration MAX_AHEAD_OF_COMMIT = Duration.ofHours(1);

    private final String eventTimeColumn;

    private EventTimeExtractor(String eventTimeColumn) {
        this.eventTimeColumn = eventTimeColumn;
    }

    /** Event time is the given row column, e.g. {@code ts} of {@code shop.web_events}. */
    public static EventTimeExtractor column(String column) {
        return new EventTimeExtractor(column);
    }

    /** Event time is the commit time of the change in the source. */
    public static EventTimeExtractor commitTime() {
        return new EventTimeExtractor(null);
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof ChangeEvent event) {
            long fromRow = eventTimeColumn == null ? -1 : rowTime(event.image());
            if (fromRow >= 0 && (event.committedAtMs() < 0 || fromRow - event.committedAtMs() <= MAX_AHEAD_OF_COMMIT.toMillis())) {
                return fromRow;
            }
            if (event.committedAtMs() >= 0) {
                return event.committedAtMs();
            }
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }

    private long rowTime(GenericRecord image) {
        if (image == null) {
            return -1;
        }
        try {
            Instant t = new Row(image).timestamp(eventTimeColumn);
            return t == null ? -1 : t.toEpochMilli();
        } catch (ColumnTypeException | ArithmeticException unusable) {
            return -1;
        }
    }
}
