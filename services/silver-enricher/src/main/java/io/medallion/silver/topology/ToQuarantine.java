package io.medallion.silver.topology;

import io.medallion.avro.silver.QuarantineKey;
import io.medallion.avro.silver.QuarantineRecord;
import io.medallion.silver.quarantine.QuarantineRecords;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.time.Clock;

/** Turns an invalid change into its quarantine record, stamped with the source coordinates. */
final class ToQuarantine extends ContextualProcessor<GenericRecord, Checked, QuarantineKey, QuarantineRecord> {

    private final QuarantineRecords records;
    private final Clock clock;

    ToQuarantine(QuarantineRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    @Override
    public void process(Record<GenericRecord, Checked> record) {
        RecordMetadata source = context().recordMetadata()
                .orElseThrow(() -> new IllegalStateException("quarantine needs the source record's coordinates"));
        QuarantineKey key = QuarantineRecords.key(source.topic(), record.key());
        QuarantineRecord value = records.record(source.topic(), source.partition(), source.offset(), record.key(),
                record.value().event(), record.value().violations(), clock.instant());
        context().forward(record.withKey(key).withValue(value));
    }
}
