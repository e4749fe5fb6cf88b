package io.medallion.capture.app;

import io.medallion.capture.CaptureConfig;
import io.medallion.capture.CaptureService;
import io.medallion.runtime.ServiceSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;

import java.util.List;

/**
 * Wires the framework-free {@link CaptureService}: settings from the Micronaut environment,
 * validated while the context starts (a bad value stops it, naming the key), and Micronaut's
 * meter registry. {@code io.medallion.runtime.ServiceRunner} starts it (database, broker and
 * WAL checks, then the engine) and stops it (engine stopped with its offsets stored).
 */
@Factory
class CaptureFactory {

    /** Raw Kafka producer and Debezium properties. */
    static final List<String> PREFIXES = List.of(CaptureConfig.PRODUCER_PREFIX, CaptureConfig.DEBEZIUM_PREFIX);

    @Context
    CaptureService captureService(Environment environment, MeterRegistry registry) {
        return new CaptureService(CaptureConfig.from(ServiceSettings.read(environment, CaptureConfig.KEYS, PREFIXES)), registry);
    }
}
