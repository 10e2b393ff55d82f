package phoenix.bridge.taps;

/** What a reader gets on its results topic: the device API's action and message, or "rejected" with the code. */
record Result(String tapId, String action, String message, String code) {

    static final String REJECTED = "rejected";

    static Result rejected(String tapId, String code, String message) {
        return new Result(tapId, REJECTED, message, code);
    }
}
