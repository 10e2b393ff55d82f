package phoenix.bridge.taps;

import phoenix.api.ErrorCode;

/** Why the bridge refuses a message without asking the command side. The message never holds the refused value. */
final class Refusal extends Exception {

    private final ErrorCode code;
    private final String tapId;

    Refusal(ErrorCode code, String message, String tapId) {
        super(message, null, false, false);
        this.code = code;
        this.tapId = tapId;
    }

    ErrorCode code() {
        return code;
    }

    String tapId() {
        return tapId;
    }
}
