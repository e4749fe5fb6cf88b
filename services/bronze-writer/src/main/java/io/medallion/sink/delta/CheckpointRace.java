package io.medallion.sink.delta;

/**
 * Recognises a lost race between two writers checkpointing a Delta table at the same moment: the
 * {@code _last_checkpoint} overwrite finds the file re-created by the other writer, or the rename
 * of the checkpoint file finds it already there. Delta Standalone wraps neither, and lets the
 * failure escape from a commit that has already succeeded.
 */
final class CheckpointRace {

    private CheckpointRace() {
    }

    static boolean isCheckpointRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            boolean aboutCheckpoint = message.contains("_last_checkpoint") || message.contains(".checkpoint.parquet");
            if (aboutCheckpoint && (t instanceof java.nio.file.FileAlreadyExistsException
                    || t instanceof org.apache.hadoop.fs.FileAlreadyExistsException
                    || t instanceof IllegalStateException)) {
                return true;
            }
        }
        return false;
    }
}
