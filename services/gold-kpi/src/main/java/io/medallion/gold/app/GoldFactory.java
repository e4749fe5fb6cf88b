package io.medallion.gold.app;

import io.medallion.gold.GoldConfig;
import io.medallion.gold.GoldService;
import io.medallion.gold.KpiListener;
import io.medallion.runtime.ServiceSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;

import java.util.List;

/**
 * Wires the framework-free {@link GoldService}: settings from the Micronaut environment,
 * validated while the context starts (a bad value stops it, naming the key), and Micronaut's
 * meter registry. {@code io.medallion.runtime.ServiceRunner} starts and stops it.
 */
@Factory
class GoldFactory {

    /** Raw Kafka Streams properties, {@code medallion.gold.streams.*}. */
    static final List<String> PREFIXES = List.of(GoldConfig.STREAMS_PREFIX);

    @Context
    GoldService goldService(Environment environment, MeterRegistry registry) {
        GoldConfig config = GoldConfig.from(ServiceSettings.read(environment, GoldConfig.KEYS, PREFIXES));
        return new GoldService(config, registry, KpiListener.NONE);
    }
}
