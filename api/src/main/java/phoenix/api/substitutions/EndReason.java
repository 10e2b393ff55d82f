package phoenix.api.substitutions;

/** Why a substitution or transfer stopped before its time. */
public enum EndReason {
    /** An admin withdrew it. */
    WITHDRAWN,
    /** The group leader took the same-day transfer back. */
    REVOKED,
    /** Its group was deleted. */
    GROUP_DELETED
}
