package io.medallion.silver.topology;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Where the topic catalogue gets its Avro serdes (Confluent wire format, TopicNameStrategy),
 * each already configured against a schema registry. Kept as an interface so the topology
 * depends on no registry client; the service passes the registry library's serdes.
 */
public interface AvroSerdeFactory {

    <T extends SpecificRecord> Serde<T> specific(Class<T> type, boolean isKey);

    Serde<GenericRecord> generic(boolean isKey);

    /** Avro primitive serde for {@code String} or {@code Long}. */
    <T> Serde<T> primitive(Class<T> type, boolean isKey);
}
