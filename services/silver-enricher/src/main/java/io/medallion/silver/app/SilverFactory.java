package io.medallion.silver.app;

import io.medallion.runtime.ServiceSettings;
import io.medallion.silver.SilverConfig;
import io.medallion.silver.SilverService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;

import java.util.List;

/**
 * Wires the framework-free {@link SilverService}: settings from the Micronaut environment,
 * validated while the context starts (a bad value, or no PII key outside
 * {@code medallion.profile=local}, stops it naming the key), and Micronaut's meter registry.
 * {@code io.medallion.runtime.ServiceRunner} starts and stops it.
 */
@Factory
class SilverFactory {

    /** Raw Kafka Streams properties, {@code medallion.silver.streams.*}. */
    static final List<String> PREFIXES = List.of(SilverConfig.STREAMS_PREFIX);

    @Context
    SilverService silverService(Environment environment, MeterRegistry registry) {
        return new SilverService(SilverConfig.from(ServiceSettings.read(environment, SilverConfig.KEYS, PREFIXES)), registry);
    }
}
