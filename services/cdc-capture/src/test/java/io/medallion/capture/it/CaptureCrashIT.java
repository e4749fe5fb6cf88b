package io.medallion.capture.it;

import io.medallion.capture.wal.ReplicationSlots;
import io.medallion.capture.wal.SlotState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kill -9 in the middle of a stream: capture runs in its own JVM while transactions commit; it
 * is killed with SIGKILL, started again, and afterwards every committed row is on the topic at
 * least once. The duplicates the restart re-sent are counted and printed (README, "Crash cost").
 */
class CaptureCrashIT {

    @Test
    void everyCommittedChangeSurvivesAKillDashNine() throws Exception {
        CaptureFixture f = CaptureFixture.create("crash");
        Set<Long> committed = new ConcurrentSkipListSet<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> write(f, committed, writing), "crash-writer");
        writer.setUncaughtExceptionHandler((t, e) -> writerFailure.set(e));
        int atKill;

        List<Process> processes = new ArrayList<>();
        try {
            Process first = startCapture(f, "first", processes);
            writer.start();
            long began = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).until(() -> committed.size() > 2_000);
            await().atMost(Duration.ofSeconds(60)).until(() -> !TopicContents.read(f.kafka.bootstrapServers(),
                    CaptureFixture.registryUrl(), f.topic("web_events")).isEmpty());
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            atKill = committed.size();
            log(began, "killed the first capture");

            int killedAt = atKill;
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30)).until(() -> committed.size() > killedAt + 500);
            Process second = startCapture(f, "second", processes);
            Thread.sleep(2_000); // the restarted capture streams live commits for a while
            log(began, "second capture running");
            writing.set(false);
            writer.join();
            awaitSlotCaughtUp(f);
            log(began, "second capture caught up");
            second.destroy();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            log(began, "second capture stopped");
        } finally {
            writing.set(false);
            processes.forEach(Process::destroyForcibly);
        }

        assertThat(writerFailure.get()).as("writer failure").isNull();
        List<TopicContents.Decoded> records = TopicContents.read(f.kafka.bootstrapServers(), CaptureFixture.registryUrl(), f.topic("web_events"));
        Map<Long, Long> copies = records.stream().collect(Collectors.groupingBy(r -> (Long) r.key().get("id"), Collectors.counting()));
        Set<Long> missing = new TreeSet<>(committed);
        missing.removeAll(copies.keySet());
        long duplicates = copies.values().stream().mapToLong(n -> n - 1).sum();
        System.out.printf("crash test: %d rows committed (%d before the kill), %d records on the topic, %d re-sent duplicates%n",
                committed.size(), atKill, records.size(), duplicates);
        assertThat(missing).as("committed rows missing from the topic").isEmpty();
        assertThat(copies.keySet()).containsAll(committed);
    }

    /** Commits a transaction of 10 rows every 5 ms (about 2,000 rows/s), remembering the ids of committed rows. */
    private static void write(CaptureFixture f, Set<Long> committed, AtomicBoolean writing) {
        try (Connection c = f.connect();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO shop.web_events (event_id, user_id, event_type, price, quantity, ts)"
                             + " SELECT 'e-' || g, 'u-1', 'page_view', 1.5, 1, now() FROM generate_series(1, 10) g RETURNING id")) {
            c.setAutoCommit(false);
            while (writing.get()) {
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                c.commit();
                committed.addAll(ids);
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException("writer failed", e);
        }
    }

    private static void log(long began, String what) {
        System.out.printf("crash test: %s after %.1f s%n", what, (System.nanoTime() - began) / 1e9);
    }

    private static Process startCapture(CaptureFixture f, String label, List<Process> started) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        Optional.ofNullable(System.getProperty("logback.configurationFile")).ifPresent(c -> command.add("-Dlogback.configurationFile=" + c));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CaptureProcessMain.class.getName()));
        Map<String, String> settings = new HashMap<>(f.settings());
        settings.forEach((k, v) -> command.add(k + "=" + v));
        Path log = Files.createTempFile("capture-" + label + "-", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("capture process exited: " + Files.readString(log));
            }
            return Files.readString(log).contains("STARTED");
        });
        return p;
    }

    private static void awaitSlotCaughtUp(CaptureFixture f) throws Exception {
        try (Connection c = f.connect()) {
            long target = ReplicationSlots.currentWalLsn(c);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Optional<SlotState> slot = ReplicationSlots.find(c, f.slot());
                return slot.flatMap(SlotState::confirmedFlush).map(l -> Long.compareUnsigned(l, target) >= 0).orElse(false);
            });
        }
    }
}
