package phoenix.api;

/**
 * The stable, machine-readable codes of every refusal Phoenix gives. Each code has one category, and the category
 * decides the HTTP status, so the same rule answers the same way wherever it is checked.
 */
public enum ErrorCode {
    // malformed input: 400
    VALIDATION_FAILED(Category.INVALID_INPUT),
    MALFORMED_REQUEST(Category.INVALID_INPUT),
    INVALID_TAG(Category.INVALID_INPUT),
    INVALID_DEVICE_ID(Category.INVALID_INPUT),
    PASSWORD_TOO_SHORT(Category.INVALID_INPUT),
    INVALID_POSITION(Category.INVALID_INPUT),

    // unknown ids: 404
    NOT_FOUND(Category.NOT_FOUND),
    ROOM_NOT_FOUND(Category.NOT_FOUND),
    STUDENT_NOT_FOUND(Category.NOT_FOUND),
    STAFF_NOT_FOUND(Category.NOT_FOUND),
    ACTIVITY_NOT_FOUND(Category.NOT_FOUND),
    DEVICE_NOT_FOUND(Category.NOT_FOUND),
    TAG_NOT_ASSIGNED(Category.NOT_FOUND),

    // rule violations: 409
    ROOM_NAME_TAKEN(Category.CONFLICT),
    DEVICE_ALREADY_REGISTERED(Category.CONFLICT),
    EMAIL_TAKEN(Category.CONFLICT),
    CONCURRENT_MODIFICATION(Category.CONFLICT),

    // authentication and authorisation: 401 / 403
    UNAUTHENTICATED(Category.UNAUTHENTICATED),
    INVALID_CREDENTIALS(Category.UNAUTHENTICATED),
    FORBIDDEN(Category.FORBIDDEN),
    DEVICE_INACTIVE(Category.FORBIDDEN),

    // the system cannot answer yet: 503
    PROJECTION_BEHIND(Category.UNAVAILABLE);

    public enum Category { INVALID_INPUT, NOT_FOUND, CONFLICT, UNAUTHENTICATED, FORBIDDEN, UNAVAILABLE }

    private final Category category;

    ErrorCode(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
