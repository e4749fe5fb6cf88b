package io.medallion.gold.state;

/**
 * Store key of one user in one window of one partition. Its bytes start with the bytes of the
 * {@link ShardWindowKey}, so all users of a window are found with one prefix scan.
 */
public record ShardWindowUserKey(int shard, long windowStartMs, String userId) {

    public ShardWindowKey window() {
        return new ShardWindowKey(shard, windowStartMs);
    }
}
