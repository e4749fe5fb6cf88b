package io.medallion.bench.fleet.fleet;

import io.medallion.capture.CaptureConfig;
import io.medallion.capture.CaptureService;
import io.medallion.common.config.Settings;
import io.medallion.common.lifecycle.ManagedService;
import io.medallion.gold.GoldConfig;
import io.medallion.gold.GoldService;
import io.medallion.gold.KpiListener;
import io.medallion.silver.SilverService;
import io.medallion.sink.SinkConfig;
import io.medallion.sink.SinkService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Builds a role's service from its settings, with the services' own framework-free cores (no Micronaut). */
public final class RoleFactory {

    private RoleFactory() {
    }

    public static ManagedService create(Role role, Settings settings) {
        return switch (role) {
            case BROKER -> new BrokerRole(settings);
            case REGISTRY -> new RegistryRole(settings);
            case CAPTURE -> new CaptureService(CaptureConfig.from(settings), new SimpleMeterRegistry());
            case SILVER -> SilverService.from(settings, new SimpleMeterRegistry());
            case GOLD -> new GoldService(GoldConfig.from(settings), new SimpleMeterRegistry(), KpiListener.NONE);
            case SINK_BRONZE, SINK_SILVER, SINK_GOLD -> new SinkService(SinkConfig.from(settings), new SimpleMeterRegistry());
        };
    }
}
