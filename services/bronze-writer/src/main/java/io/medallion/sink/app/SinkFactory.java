package io.medallion.sink.app;

import io.medallion.common.config.Settings;
import io.medallion.runtime.ServiceSettings;
import io.medallion.sink.SinkConfig;
import io.medallion.sink.SinkService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;

import java.time.Clock;

/**
 * Wires the framework-free {@link SinkService}: settings from the Micronaut environment,
 * validated while the context starts (a bad value stops it, naming the key), Micronaut's meter
 * registry, and the commit watch on its readiness. {@code io.medallion.runtime.ServiceRunner}
 * starts and stops it (the stop flushes and commits what is buffered).
 */
@Factory
class SinkFactory {

    @Context
    WatchedSink sink(Environment environment, MeterRegistry registry) {
        Settings settings = ServiceSettings.read(environment, SinkAppSettings.KEYS, SinkAppSettings.PREFIXES);
        SinkAppSettings app = SinkAppSettings.from(settings);
        SinkConfig config = SinkConfig.from(settings);
        return new WatchedSink(new SinkService(config, registry), new CommitWatch(app.maxCommitDelay()), Clock.systemUTC());
    }
}
