package io.medallion.bench.fleet.load;

import java.time.Duration;

/**
 * Offers events open loop at a fixed rate: event k is due {@code k / rate} seconds after the
 * start whatever the system under test does; a slow sink shows as lag, a slow source as
 * {@link #behindSchedule()}. Each {@link #start} begins a new schedule (the rate search uses one
 * per stage); counts add up over starts.
 */
public interface LoadDriver extends AutoCloseable {

    /** Starts generating; {@code duration} zero means until {@link #stop()}. */
    void start(int rate, Duration duration, long seed);

    /** Events committed (or acknowledged by Kafka) since the driver was created. */
    long events();

    /** How far the current schedule is behind now (zero when idle). */
    Duration behindSchedule();

    /** The most the current (or last) schedule has been behind. */
    Duration maxBehindSchedule();

    /** Whether the current schedule has generated its whole duration. */
    boolean finished();

    /** Stops the current schedule (what is committed stays). */
    void stop();

    /** A failure that ended generation, if any. */
    java.util.Optional<String> failure();

    @Override
    void close();
}
