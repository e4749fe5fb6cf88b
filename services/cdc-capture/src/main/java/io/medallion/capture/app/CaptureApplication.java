package io.medallion.capture.app;

import io.medallion.runtime.MedallionApplication;

/** cdc-capture as a Micronaut application: {@code java -jar medallion-cdc-capture-<version>.jar}. */
public final class CaptureApplication {

    private CaptureApplication() {
    }

    public static void main(String[] args) {
        MedallionApplication.run(CaptureApplication.class, args);
    }
}
