package io.medallion.testkit.kafka;

import static io.medallion.testkit.kafka.EmbeddedKafkaBrokerIT.consumeAll;
import static io.medallion.testkit.kafka.EmbeddedKafkaBrokerIT.producer;
import static io.medallion.testkit.kafka.EmbeddedKafkaBrokerIT.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.medallion.testkit.SharedServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's transaction settings let Kafka Streams run with exactly_once_v2. */
class ExactlyOnceStreamsIT {

    @Test
    void exactlyOnceV2StreamsAppCommitsItsOutput(@TempDir Path stateDir) throws Exception {
        EmbeddedKafkaBroker broker = SharedServers.kafka();
        String in = unique("eos-in");
        String out = unique("eos-out");
        broker.createTopic(in, 2);
        broker.createTopic(out, 2);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.String(), Serdes.String()).withName("source"))
                .mapValues(v -> v.toUpperCase(Locale.ROOT), Named.as("upper"))
                .to(out, Produced.with(Serdes.String(), Serdes.String()).withName("sink"));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, unique("eos-app"));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");

        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> streams.state() == KafkaStreams.State.RUNNING);
            try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
                for (int i = 0; i < 20; i++) {
                    producer.send(new ProducerRecord<>(in, "k" + i, "value-" + i)).get();
                }
            }
            assertThat(consumeAll(broker, out, "read_committed", 20))
                    .extracting(ConsumerRecord::value)
                    .hasSize(20)
                    .allMatch(v -> v.startsWith("VALUE-"));
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }
}
