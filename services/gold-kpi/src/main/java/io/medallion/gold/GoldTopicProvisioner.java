package io.medallion.gold;

import io.medallion.gold.topology.GoldTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes sure gold-kpi's topics exist before Streams starts (Streams fails on a missing source
 * topic). silver.web_events belongs to silver-enricher, which chooses its partitions: gold-kpi
 * waits for it and never creates it. The outputs and the capture heartbeat topic (which Debezium
 * creates only with its first heartbeat) are created when missing, with one partition, unless
 * {@code medallion.gold.create-topics=false}.
 */
final class GoldTopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(GoldTopicProvisioner.class);
    private static final long POLL_MS = 500;

    private final Admin admin;
    private final GoldConfig config;

    GoldTopicProvisioner(Admin admin, GoldConfig config) {
        this.admin = admin;
        this.config = config;
    }

    void prepare(GoldTopics topics) {
        List<String> owned = List.of(topics.heartbeats().name(), topics.kpi1m().name(), topics.lateEvents().name(),
                topics.deadLetters().name());
        if (config.createTopics()) {
            createMissing(owned);
        }
        List<String> required = new ArrayList<>(List.of(topics.webEvents().name()));
        if (!config.createTopics()) {
            required.add(topics.heartbeats().name());
        }
        awaitExisting(required);
    }

    private void createMissing(List<String> names) {
        Set<String> existing = topicNames();
        Optional<Short> replication = config.replicationFactor() > 0
                ? Optional.of((short) config.replicationFactor()) : Optional.empty();
        List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
                .map(n -> new NewTopic(n, Optional.of(1), replication)).toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(config.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics " + missing + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topics " + missing + " took longer than " + config.startupTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    private void awaitExisting(List<String> names) {
        long deadline = System.nanoTime() + config.startupTimeout().toNanos();
        while (true) {
            Set<String> existing = topicNames();
            List<String> missing = names.stream().filter(n -> !existing.contains(n)).toList();
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("input topics " + missing + " do not exist after " + config.startupTimeout()
                        + "; gold-kpi reads them and does not create them");
            }
            LOG.info("Waiting for input topics {}", missing);
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + missing, e);
            }
        }
    }

    private Set<String> topicNames() {
        try {
            return admin.listTopics().names().get(config.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics on " + config.bootstrapServers() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        }
    }
}
