package phoenix.api;

/**
 * The stable, machine-readable codes of every refusal Phoenix gives, each with the one HTTP status it is answered
 * with, so the same rule answers the same way wherever it is checked (HTTP, MQTT results).
 */
public enum ErrorCode {
    // malformed input
    VALIDATION_FAILED(400),
    MALFORMED_REQUEST(400),
    INVALID_TAG(400),
    INVALID_DEVICE_ID(400),
    PASSWORD_TOO_SHORT(400),
    INVALID_POSITION(400),
    INVALID_DATE_RANGE(400),
    BACKDATED(400),
    SAME_STAFF(400),
    NOT_A_TRANSFER(400),
    ROOM_REQUIRED(400),
    // the device bridge's refusals of malformed MQTT messages
    MALFORMED_MESSAGE(400),
    MISSING_FIELD(400),
    INVALID_FIELD(400),
    DEVICE_MISMATCH(400),
    TAPPED_AT_IN_FUTURE(400),
    PAYLOAD_TOO_LARGE(400),
    INVALID_DESTINATION(400),

    // authentication and authorisation
    UNAUTHENTICATED(401),
    INVALID_CREDENTIALS(401),
    UNKNOWN_DEVICE(401),
    FORBIDDEN(403),
    DEVICE_INACTIVE(403),

    // unknown ids and paths
    NOT_FOUND(404),
    ROOM_NOT_FOUND(404),
    STUDENT_NOT_FOUND(404),
    STAFF_NOT_FOUND(404),
    ACTIVITY_NOT_FOUND(404),
    DEVICE_NOT_FOUND(404),
    TAG_NOT_ASSIGNED(404),
    GROUP_NOT_FOUND(404),
    SUBSTITUTION_NOT_FOUND(404),
    UNKNOWN_TAG(404),
    NO_ACTIVE_SESSION(404),
    SESSION_NOT_FOUND(404),
    NOT_PRESENT(404),
    NO_ATTENDANCE_TODAY(404),
    DEAD_LETTER_NOT_FOUND(404),
    PROJECTION_NOT_FOUND(404),

    // HTTP protocol
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    UNSUPPORTED_MEDIA_TYPE(415),

    // rule violations
    ROOM_NAME_TAKEN(409),
    GROUP_NAME_TAKEN(409),
    NOT_A_TEACHER(409),
    SUBSTITUTION_OVERLAP(409),
    SUBSTITUTION_OVER(409),
    SESSION_CONFLICT(409),
    SESSION_ENDED(409),
    SESSION_SUPERVISED(409),
    ALREADY_PRESENT(409),
    ROOM_CAPACITY_EXCEEDED(409),
    ACTIVITY_CAPACITY_EXCEEDED(409),
    DEVICE_ALREADY_REGISTERED(409),
    EMAIL_TAKEN(409),
    CONCURRENT_MODIFICATION(409),
    PROJECTION_NOT_REBUILDABLE(409),
    REBUILD_RUNNING(409),

    // the system cannot answer (yet)
    INTERNAL_ERROR(500),
    /** the database does not answer just now: try again in a moment */
    UNAVAILABLE(503),
    PROJECTION_BEHIND(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
