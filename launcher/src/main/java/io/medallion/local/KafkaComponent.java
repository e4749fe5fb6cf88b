package io.medallion.local;

import io.medallion.common.lifecycle.Health;
import io.medallion.testkit.kafka.EmbeddedKafkaBroker;

import java.util.List;

/** A one-node KRaft broker in this process, data under {@code <data>/kafka}. */
final class KafkaComponent implements StackComponent {

    private final StackContext context;
    private EmbeddedKafkaBroker broker;

    KafkaComponent(StackContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void start() {
        broker = EmbeddedKafkaBroker.builder().dataDirectory(context.dataDir("kafka")).start();
        context.publish(StackContext.KAFKA_BOOTSTRAP, broker.bootstrapServers());
    }

    @Override
    public List<String> endpoints() {
        return List.of("Kafka bootstrap  " + broker.bootstrapServers());
    }

    @Override
    public Health health() {
        boolean up = broker != null && broker.isRunning();
        return Health.of(up, up, up ? "running" : "stopped");
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
