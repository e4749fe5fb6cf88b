package io.medallion.sink;

/**
 * The schema registry could not be reached (after the client's own retries). Not the record's
 * fault: it is never dead-lettered; the sink stops and a restart resumes from the tables.
 */
public final class RegistryUnavailableException extends RuntimeException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
