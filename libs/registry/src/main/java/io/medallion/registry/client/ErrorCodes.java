package io.medallion.registry.client;

/**
 * Confluent Schema Registry error codes, carried in error bodies as {@code error_code}. The first
 * three digits are the HTTP status.
 */
public final class ErrorCodes {

    public static final int UNAUTHORIZED = 401;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int METHOD_NOT_ALLOWED = 405;
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_SOFT_DELETED = 40404;
    public static final int SUBJECT_NOT_SOFT_DELETED = 40405;
    public static final int VERSION_SOFT_DELETED = 40406;
    public static final int VERSION_NOT_SOFT_DELETED = 40407;
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    /** Confluent Platform 7 answers an incompatible registration with HTTP 409 and this code. */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_REQUEST = 400;
    public static final int PAYLOAD_TOO_LARGE = 413;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int INTERNAL_ERROR = 500;
    public static final int STORE_ERROR = 50001;
    public static final int OPERATION_TIMEOUT = 50002;
    /** Not a registry code: the request never got an HTTP answer (connection, TLS, timeout). */
    public static final int NO_RESPONSE = -1;

    private ErrorCodes() {
    }
}
