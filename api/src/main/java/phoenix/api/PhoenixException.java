package phoenix.api;

import java.util.Map;

/**
 * A refusal with a stable {@link ErrorCode}: thrown by command handlers when a rule says no, by the HTTP layer when
 * input is malformed. The message is for people (it may be shown on a reader); the details are machine-readable
 * extras such as the current count and the capacity. Neither ever holds personal data.
 */
public class PhoenixException extends RuntimeException {

    private final ErrorCode code;
    private final transient Map<String, Object> details;

    public PhoenixException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public PhoenixException(ErrorCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
