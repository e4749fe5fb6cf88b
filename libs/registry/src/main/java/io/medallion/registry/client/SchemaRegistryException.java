package io.medallion.registry.client;

/**
 * A registry call failed. Carries the HTTP status and Confluent error code of the answer
 * ({@link ErrorCodes}), or {@link ErrorCodes#NO_RESPONSE} for both when no answer came.
 * {@link #retriable()} is true only for failures that may pass on their own (connection
 * refused or reset, timeouts, 5xx, 408, 429); a 4xx answer, a TLS handshake failure or bad
 * credentials never are.
 */
public class SchemaRegistryException extends RuntimeException {

    private final int httpStatus;
    private final int errorCode;
    private final boolean retriable;

    public SchemaRegistryException(int httpStatus, int errorCode, String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.retriable = retriable;
    }

    /** An answer from a registry: retriable as its status says. */
    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, isRetriableStatus(httpStatus), null);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    public boolean retriable() {
        return retriable;
    }

    /** The HTTP statuses worth another try: timeouts, throttling and server-side failures. */
    public static boolean isRetriableStatus(int httpStatus) {
        return httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " [status " + httpStatus + ", error_code " + errorCode + "]: " + getMessage();
    }

    // The registry's own errors, with Confluent's messages.

    public static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(404, ErrorCodes.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    public static SchemaRegistryException versionNotFound(int version) {
        return new SchemaRegistryException(404, ErrorCodes.VERSION_NOT_FOUND, "Version " + version + " not found.");
    }

    public static SchemaRegistryException schemaNotFound() {
        return new SchemaRegistryException(404, ErrorCodes.SCHEMA_NOT_FOUND, "Schema not found");
    }

    public static SchemaRegistryException schemaNotFound(int id) {
        return new SchemaRegistryException(404, ErrorCodes.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }

    public static SchemaRegistryException subjectSoftDeleted(String subject) {
        return new SchemaRegistryException(404, ErrorCodes.SUBJECT_SOFT_DELETED,
                "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
    }

    public static SchemaRegistryException subjectNotSoftDeleted(String subject) {
        return new SchemaRegistryException(404, ErrorCodes.SUBJECT_NOT_SOFT_DELETED,
                "Subject '" + subject + "' was not deleted first before being permanently deleted");
    }

    public static SchemaRegistryException versionSoftDeleted(String subject, int version) {
        return new SchemaRegistryException(404, ErrorCodes.VERSION_SOFT_DELETED,
                "Subject '" + subject + "' Version " + version + " was soft deleted.Set permanent=true to delete permanently");
    }

    public static SchemaRegistryException versionNotSoftDeleted(String subject, int version) {
        return new SchemaRegistryException(404, ErrorCodes.VERSION_NOT_SOFT_DELETED,
                "Subject '" + subject + "' Version " + version + " was not deleted first before being permanently deleted");
    }

    public static SchemaRegistryException subjectCompatibilityNotConfigured(String subject) {
        return new SchemaRegistryException(404, ErrorCodes.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    public static SchemaRegistryException incompatible(String subject, Object details) {
        return new SchemaRegistryException(409, ErrorCodes.INCOMPATIBLE_SCHEMA,
                "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                        + "\", details: " + details);
    }

    public static SchemaRegistryException invalidSchema(String problem) {
        return new SchemaRegistryException(422, ErrorCodes.INVALID_SCHEMA, "Invalid schema: " + problem);
    }

    public static SchemaRegistryException invalidVersion(String version) {
        return new SchemaRegistryException(422, ErrorCodes.INVALID_VERSION,
                "The specified version '" + version + "' is not a valid version id. "
                        + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    public static SchemaRegistryException invalidCompatibilityLevel() {
        return new SchemaRegistryException(422, ErrorCodes.INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level. Valid values are none, backward, forward, full, "
                        + "backward_transitive, forward_transitive, and full_transitive");
    }

    public static SchemaRegistryException storeError(String message, Throwable cause) {
        return new SchemaRegistryException(500, ErrorCodes.STORE_ERROR, message, true, cause);
    }
}
