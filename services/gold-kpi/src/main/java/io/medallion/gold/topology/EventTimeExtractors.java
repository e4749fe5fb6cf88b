package io.medallion.gold.topology;

import io.medallion.avro.silver.WebEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Record timestamps of the inputs: a silver event's {@code ts}, a heartbeat's {@code ts_ms}.
 * Streams drops a record whose timestamp is negative; to keep every event, a time before 1970
 * is given as 0 (the event is then late, with its true window, and reported).
 */
final class EventTimeExtractors {

    private EventTimeExtractors() {
    }

    static final class WebEventTime implements TimestampExtractor {
        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            return record.value() instanceof WebEvent event ? Math.max(0, event.getTs().toEpochMilli()) : Math.max(0, record.timestamp());
        }
    }

    static final class HeartbeatTime implements TimestampExtractor {
        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            return record.value() instanceof Long tsMs ? Math.max(0, tsMs) : Math.max(0, record.timestamp());
        }
    }
}
