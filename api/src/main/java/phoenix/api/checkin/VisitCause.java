package phoenix.api.checkin;

/** Why a visit began or ended. */
public enum VisitCause {
    /** The child tapped its tag on the reader. */
    TAPPED,
    /** The child tapped into another room: the visit moved. */
    TRANSFERRED,
    /** Staff checked the child in, or out ("goes home"). */
    BY_STAFF,
    /** The child confirmed going home on the reader. */
    WENT_HOME,
    /** The session ended; the child is in transit. */
    SESSION_ENDED,
    /** The session was replaced by a new one in the same room; the child stays, in the new session. */
    SESSION_REPLACED
}
