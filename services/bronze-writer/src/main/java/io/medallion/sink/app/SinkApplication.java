package io.medallion.sink.app;

import io.medallion.runtime.MedallionApplication;

/**
 * The Delta sink as a Micronaut application: {@code java -jar medallion-bronze-writer-<version>.jar},
 * deployed once per layer ({@code MEDALLION_SINK_LAYER=bronze|silver|gold}).
 */
public final class SinkApplication {

    private SinkApplication() {
    }

    public static void main(String[] args) {
        MedallionApplication.run(SinkApplication.class, args);
    }
}
