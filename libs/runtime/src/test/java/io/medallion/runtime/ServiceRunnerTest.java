package io.medallion.runtime;

import io.medallion.common.lifecycle.Health;
import io.medallion.common.lifecycle.ManagedService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ServiceRunnerTest {

    private static final RuntimeSettings SETTINGS = new RuntimeSettings(Duration.ofSeconds(1), false);

    @Test
    void notReadyUntilTheStartReturnsThenTheServiceSays() throws Exception {
        FakeService service = new FakeService();
        ServiceRunner runner = new ServiceRunner(service, SETTINGS);

        assertThat(runner.health().ready()).isFalse();
        runner.start();
        assertThat(service.startEntered.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.health()).satisfies(h -> {
            assertThat(h.live()).isTrue();
            assertThat(h.ready()).as("ready says the service, but start() has not returned").isFalse();
            assertThat(h.details()).containsEntry("phase", "STARTING");
        });

        service.releaseStart.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.phase() == ServiceRunner.Phase.RUNNING);
        assertThat(runner.health().ready()).isTrue();
        service.ready = false;
        assertThat(runner.health().ready()).isFalse();
        assertThat(runner.health().live()).isTrue();
    }

    @Test
    void aFailedStartIsNotLiveAndSaysWhy() {
        FakeService service = new FakeService();
        service.startFailure = new IllegalStateException("Invalid setting 'medallion.capture.database.host': cannot reach");
        service.releaseStart.countDown();
        ServiceRunner runner = new ServiceRunner(service, SETTINGS);

        runner.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> runner.phase() == ServiceRunner.Phase.START_FAILED);
        Health h = runner.health();
        assertThat(h.live()).isFalse();
        assertThat(h.ready()).isFalse();
        assertThat(h.details()).containsEntry("error", "Invalid setting 'medallion.capture.database.host': cannot reach");
    }

    @Test
    void closeStopsTheServiceAndWaitsNoLongerThanTheBudget() throws Exception {
        FakeService service = new FakeService();
        service.releaseStart.countDown();
        CountDownLatch releaseClose = new CountDownLatch(1);
        service.closeGate = releaseClose;
        ServiceRunner runner = new ServiceRunner(service, SETTINGS);
        runner.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.phase() == ServiceRunner.Phase.RUNNING);

        runner.close();

        assertThat(service.closeEntered.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(service.closed).as("close() returned while the service was still stopping").isFalse();
        assertThat(runner.phase()).isEqualTo(ServiceRunner.Phase.STOPPED);
        releaseClose.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> service.closed);
        runner.close();
        assertThat(service.closeCalls).isEqualTo(1);
    }

    private static final class FakeService implements ManagedService {
        final CountDownLatch startEntered = new CountDownLatch(1);
        final CountDownLatch releaseStart = new CountDownLatch(1);
        final CountDownLatch closeEntered = new CountDownLatch(1);
        volatile CountDownLatch closeGate = new CountDownLatch(0);
        volatile RuntimeException startFailure;
        volatile boolean ready = true;
        volatile boolean closed;
        volatile int closeCalls;

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public void start() {
            startEntered.countDown();
            try {
                releaseStart.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (startFailure != null) {
                throw startFailure;
            }
        }

        @Override
        public Health health() {
            return new Health(true, ready, "RUNNING", Map.of("records", 3L));
        }

        @Override
        public void close() {
            closeCalls++;
            closeEntered.countDown();
            try {
                closeGate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closed = true;
        }
    }
}
