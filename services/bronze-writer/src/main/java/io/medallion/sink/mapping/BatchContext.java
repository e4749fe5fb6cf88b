package io.medallion.sink.mapping;

/**
 * What every row of one batch (one file, one commit) shares.
 *
 * @param batchId        unique id of the batch, also in the file name and the commit
 * @param ingestionMicros when the batch was opened, microseconds since the epoch (UTC)
 * @param ingestionDate   that instant's UTC date, days since the epoch
 */
public record BatchContext(String batchId, long ingestionMicros, int ingestionDate) {
}
