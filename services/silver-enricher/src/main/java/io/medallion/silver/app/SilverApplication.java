package io.medallion.silver.app;

import io.medallion.runtime.MedallionApplication;

/** silver-enricher as a Micronaut application: {@code java -jar medallion-silver-enricher-<version>.jar}. */
public final class SilverApplication {

    private SilverApplication() {
    }

    public static void main(String[] args) {
        MedallionApplication.run(SilverApplication.class, args);
    }
}
