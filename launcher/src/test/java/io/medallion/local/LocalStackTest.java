package io.medallion.local;

import io.medallion.common.lifecycle.Health;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The stack's start and stop sequence, on stand-in components. */
class LocalStackTest {

    @TempDir
    Path data;

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void stopsTheSourceFirstThenDrainsEachServiceInFlowOrderThenTheInfrastructureInReverse() {
        int code = run(List.of(
                ctx -> new Fake("postgres", StackComponent.Role.INFRASTRUCTURE),
                ctx -> new Fake("kafka", StackComponent.Role.INFRASTRUCTURE),
                ctx -> new Fake("capture", StackComponent.Role.SERVICE),
                ctx -> new Fake("sink", StackComponent.Role.SERVICE),
                ctx -> new Fake("generator", StackComponent.Role.SOURCE)));

        assertThat(code).isZero();
        assertThat(events).containsExactly(
                "start postgres", "start kafka", "start capture", "start sink", "start generator",
                "close generator",
                "drain capture", "close capture",
                "drain sink", "close sink",
                "close kafka", "close postgres");
        assertThat(out()).contains("stopping generator ...", "stopping postgres ...").doesNotContain("did not");
    }

    @Test
    void aServiceThatCannotDrainIsStillClosedTheOthersStillDrainAndTheRunFails() {
        Fake stuck = new Fake("silver", StackComponent.Role.SERVICE);
        stuck.drainFailure = "3 records behind";

        int code = run(List.of(
                ctx -> new Fake("kafka", StackComponent.Role.INFRASTRUCTURE),
                ctx -> stuck,
                ctx -> new Fake("gold", StackComponent.Role.SERVICE)));

        assertThat(code).isEqualTo(1);
        assertThat(events).containsSubsequence("drain silver", "close silver", "drain gold", "close gold", "close kafka");
        assertThat(out()).contains("silver did not drain: 3 records behind");
    }

    @Test
    void afterAComponentDiedNothingIsDrainedButEverythingIsClosed() {
        Fake dying = new Fake("silver", StackComponent.Role.SERVICE);
        dying.live = false;

        int code = run(List.of(
                ctx -> new Fake("kafka", StackComponent.Role.INFRASTRUCTURE),
                ctx -> new Fake("capture", StackComponent.Role.SERVICE),
                ctx -> dying));

        assertThat(code).isEqualTo(1);
        assertThat(out()).contains("FAILED: silver is DOWN");
        assertThat(events).noneMatch(e -> e.startsWith("drain"));
        assertThat(events).containsSubsequence("close capture", "close silver", "close kafka");
    }

    @Test
    void componentsPrintAboveTheStatusLineThroughTheContext() {
        int code = run(List.of(ctx -> {
            Fake f = new Fake("gold", StackComponent.Role.SERVICE);
            f.onStart = () -> ctx.println("KPI 12:00:00-12:01:00 UTC | orders 1");
            return f;
        }));

        assertThat(code).isZero();
        assertThat(out()).contains("KPI 12:00:00-12:01:00 UTC | orders 1" + System.lineSeparator());
    }

    private int run(List<LocalStack.Stage> stages) {
        LaunchOptions options = new LaunchOptions(0, Duration.ofSeconds(1), data, 1, Optional.empty());
        return new LocalStack(options, new PrintStream(printed, true, StandardCharsets.UTF_8), false, StackTuning.NONE, stages).run();
    }

    private String out() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private final class Fake implements StackComponent {
        private final String name;
        private final Role role;
        volatile boolean live = true;
        String drainFailure;
        Runnable onStart = () -> { };

        Fake(String name, Role role) {
            this.name = name;
            this.role = role;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Role role() {
            return role;
        }

        @Override
        public void start() {
            events.add("start " + name);
            onStart.run();
        }

        @Override
        public Health health() {
            return Health.of(live, live, live ? "UP" : "DOWN");
        }

        @Override
        public void drain(Duration timeout) {
            events.add("drain " + name);
            if (drainFailure != null) {
                throw new IllegalStateException(drainFailure);
            }
        }

        @Override
        public void close() {
            events.add("close " + name);
        }
    }
}
