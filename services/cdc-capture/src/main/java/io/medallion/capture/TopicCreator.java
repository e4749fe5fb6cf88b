package io.medallion.capture;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates each topic capture writes to the first time it is needed, with the configured
 * partitions and replication factor, instead of relying on broker auto-creation (often disabled
 * in production, and blind to the partition count). Remembers what exists, so the hot path is a
 * set lookup.
 */
final class TopicCreator implements KafkaChangeSender.Topics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final int partitions;
    private final short replication;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    TopicCreator(Admin admin, int partitions, short replication) {
        this.admin = admin;
        this.partitions = partitions;
        this.replication = replication;
    }

    @Override
    public void ensure(String topic) {
        if (known.contains(topic)) {
            return;
        }
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replication))).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not create topic " + topic + " within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
        known.add(topic);
    }
}
