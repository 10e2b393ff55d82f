package phoenix.api.sessions;

public enum SessionEndReason {
    /** Staff ended it on the reader. */
    ENDED,
    /** A new session was forced in its place. */
    REPLACED,
    /** Nobody tapped and the reader did not ping for the inactivity timeout. */
    TIMEOUT,
    /** The daily end time. */
    END_OF_DAY
}
