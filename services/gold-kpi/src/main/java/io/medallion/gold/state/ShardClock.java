package io.medallion.gold.state;

/**
 * Event-time clock of one by-user partition: the highest time it has seen (events and
 * watermarks) and the first window start still open at that time.
 */
public record ShardClock(long streamTimeMs, long closedBeforeMs) {
}
