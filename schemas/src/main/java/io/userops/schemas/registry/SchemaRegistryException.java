package io.userops.schemas.registry;

/**
 * An answer of the schema registry other than success, with the Confluent error code
 * (40401 subject not found, 40402 version not found, 40403 schema not found, 409 incompatible,
 * 42201 invalid schema, 50001 store error), or {@link #UNREACHABLE} when no answer came.
 */
public class SchemaRegistryException extends RuntimeException {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int STORE_ERROR = 50001;
    public static final int UNREACHABLE = -1;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    public static SchemaRegistryException versionNotFound(String subject, Object version) {
        return new SchemaRegistryException(404, VERSION_NOT_FOUND,
                "Version " + version + " of subject '" + subject + "' not found.");
    }

    public static SchemaRegistryException schemaNotFound(String what) {
        return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema " + what + " not found.");
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    public boolean isNotFound() {
        return httpStatus == 404;
    }
}
