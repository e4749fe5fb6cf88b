package io.medallion.capture.it;

import io.medallion.capture.CaptureConfig;
import io.medallion.capture.CaptureService;
import io.medallion.common.config.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * cdc-capture alone in a JVM, for {@link CaptureCrashIT}: settings as {@code key=value}
 * arguments; prints {@code STARTED} once running; SIGTERM closes it cleanly, SIGKILL does not.
 */
public final class CaptureProcessMain {

    private CaptureProcessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> settings = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            settings.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        CaptureService service = new CaptureService(CaptureConfig.from(Settings.of(settings)), new SimpleMeterRegistry());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }));
        service.start();
        System.out.println("STARTED");
        System.out.flush();
        stopped.await();
    }
}
