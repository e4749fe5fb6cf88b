package io.medallion.gold.state;

/** Store key of a window in one partition; its bytes sort by partition, then window start. */
public record ShardWindowKey(int shard, long windowStartMs) {
}
