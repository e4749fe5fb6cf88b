package io.medallion.runtime;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;

import java.util.List;

/** The fleet-wide settings as a bean, read (and validated) while the context starts. */
@Factory
class RuntimeFactory {

    @Context
    RuntimeSettings runtimeSettings(Environment environment) {
        return RuntimeSettings.from(ServiceSettings.read(environment, RuntimeSettings.KEYS, List.of()));
    }
}
