package io.medallion.local;

import io.medallion.common.lifecycle.ManagedService;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One part of the local stack: a {@link ManagedService} plus what it contributes to the
 * launcher's output. The stack starts components in order; how they stop depends on their
 * {@link Role} (see {@link LocalStack}).
 *
 * <p>Wiring a new service is one stage in {@link LocalStack#stages}: a component with role
 * {@link Role#SERVICE} and a {@link #drain} (see {@link SinkComponent}, {@link SilverComponent}).
 */
public interface StackComponent extends ManagedService {

    /** What a component is to the stop sequence. */
    enum Role {
        /** PostgreSQL, Kafka, the registry: stopped last, in reverse start order. */
        INFRASTRUCTURE,
        /** Writes the source data (the load generator): stopped first. */
        SOURCE,
        /**
         * A pipeline service: stopped in start (data-flow) order, each only once it has
         * {@link #drain drained} what the services before it produced.
         */
        SERVICE
    }

    default Role role() {
        return Role.INFRASTRUCTURE;
    }

    /**
     * Called on a normal stop, once everything upstream of this service has stopped: returns
     * when everything upstream produced is processed and committed by this service, so closing
     * it loses nothing. Throws when that does not happen within the timeout.
     */
    default void drain(Duration timeout) {
    }

    /** Lines printed once everything started: where this component listens. */
    default List<String> endpoints() {
        return List.of();
    }

    /** A short fragment of the live status line (e.g. {@code captured 412/s}), if any. */
    default Optional<String> status() {
        return Optional.empty();
    }

    /** Lines of the final summary: what this component did. */
    default List<String> summary() {
        return List.of();
    }

    /** Wraps any service with status and summary contributors, as infrastructure (no drain). */
    static StackComponent of(ManagedService service, Supplier<String> status, Supplier<List<String>> summary) {
        return new StackComponent() {
            @Override
            public String name() {
                return service.name();
            }

            @Override
            public void start() {
                service.start();
            }

            @Override
            public io.medallion.common.lifecycle.Health health() {
                return service.health();
            }

            @Override
            public void close() {
                service.close();
            }

            @Override
            public Optional<String> status() {
                return Optional.ofNullable(status.get());
            }

            @Override
            public List<String> summary() {
                return summary.get();
            }
        };
    }
}
