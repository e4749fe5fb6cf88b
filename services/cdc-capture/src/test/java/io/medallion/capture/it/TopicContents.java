package io.medallion.capture.it;

import io.medallion.registry.serde.KafkaAvroDeserializer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Reads whole topics from the beginning and decodes them with the project's Avro deserializer (raw values). */
final class TopicContents {

    /** One record: raw bytes as on the topic and the decoded key and value. */
    record Decoded(String topic, int partition, long offset, byte[] rawKey, byte[] rawValue, GenericRecord key, GenericRecord value) {

        GenericRecord after() {
            return (GenericRecord) value.get("after");
        }

        GenericRecord before() {
            return (GenericRecord) value.get("before");
        }

        GenericRecord source() {
            return (GenericRecord) value.get("source");
        }

        String op() {
            return value.get("op").toString();
        }
    }

    private TopicContents() {
    }

    /** Every record currently on the topic (empty when it does not exist). */
    static List<Decoded> read(String bootstrap, String registryUrl, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        // Raw Avro values (long micros, decimal bytes): the wire representation is what is under test.
        Map<String, Object> serde = Map.of("schema.registry.url", registryUrl, "avro.use.logical.type.converters", false);
        KafkaAvroDeserializer keys = new KafkaAvroDeserializer();
        keys.configure(serde, true);
        KafkaAvroDeserializer values = new KafkaAvroDeserializer();
        values.configure(serde, false);
        List<Decoded> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return out;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new Decoded(r.topic(), r.partition(), r.offset(), r.key(), r.value(),
                            (GenericRecord) keys.deserialize(r.topic(), r.key()),
                            (GenericRecord) values.deserialize(r.topic(), r.value())));
                }
            }
        } finally {
            keys.close();
            values.close();
        }
        return out;
    }
}
