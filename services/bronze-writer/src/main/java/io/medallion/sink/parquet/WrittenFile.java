package io.medallion.sink.parquet;

/**
 * A data file on storage, not yet part of any table version.
 *
 * @param uri              absolute location
 * @param sizeBytes        length of the file
 * @param modificationTime storage modification time, epoch ms
 * @param numRecords       rows in the file
 * @param statsJson        Delta statistics JSON
 */
public record WrittenFile(String uri, long sizeBytes, long modificationTime, long numRecords, String statsJson) {
}
