package io.medallion.loadgen;

import java.time.Instant;

/** Where a lane takes its next events from; {@code now} is when they will be written. */
public interface EventSource {

    GeneratedBatch next(int events, Instant now);
}
