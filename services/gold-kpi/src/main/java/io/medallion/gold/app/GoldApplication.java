package io.medallion.gold.app;

import io.medallion.runtime.MedallionApplication;

/** gold-kpi as a Micronaut application: {@code java -jar medallion-gold-kpi-<version>.jar}. */
public final class GoldApplication {

    private GoldApplication() {
    }

    public static void main(String[] args) {
        MedallionApplication.run(GoldApplication.class, args);
    }
}
