package io.medallion.sink.delta;

/** Concurrent writers kept winning: the commit was retried as often as allowed and still conflicted. */
public final class CommitConflictException extends RuntimeException {

    public CommitConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
