package io.medallion.silver;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the topics the service needs and that do not exist yet, before Kafka Streams starts:
 * a missing source topic stops Streams, and the lookup tables read silver topics that nobody
 * may have written yet. Existing topics are left as they are.
 */
final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    static void createMissing(SilverConfig config, Collection<String> names) {
        Duration timeout = config.startTimeout();
        Map<String, Object> adminConfig = new HashMap<>();
        config.streamsOverrides().forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                adminConfig.put(k, v);
            }
        });
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, config.applicationId() + "-topic-setup");
        int timeoutMs = (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE);
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30_000));
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        Admin admin = Admin.create(adminConfig);
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = names.stream().distinct().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, config.topics().partitions(), config.topics().replicationFactor()))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            LOG.info("Creating missing topics {}", missing.stream().map(NewTopic::name).toList());
            createAndAwait(admin, missing, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + config.bootstrapServers() + " within " + timeout, e);
        } finally {
            // Do not wait for calls still retrying against an unreachable cluster.
            admin.close(Duration.ofSeconds(1));
        }
    }

    private static void createAndAwait(Admin admin, List<NewTopic> missing, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        for (var result : admin.createTopics(missing).values().entrySet()) {
            try {
                result.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + result.getKey() + ": " + e.getCause(), e);
                }
            }
        }
        awaitLeaders(admin, missing.stream().map(NewTopic::name).toList(), timeout);
    }

    /**
     * A created topic is known to the controller before every broker serves its metadata; a
     * global store started in between fails with "no partitions available". Wait until each
     * partition has a leader.
     */
    private static void awaitLeaders(Admin admin, List<String> names, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                boolean ready = described.values().stream().allMatch(d -> !d.partitions().isEmpty()
                        && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("could not describe topics " + names + ": " + e.getCause(), e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " were created but have no partition leaders after " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
