package phoenix.api;

/** The roles of user accounts. Devices are not users: they authenticate with an API key. */
public enum Role {
    ADMIN,
    STAFF,
    COMPLIANCE_OFFICER
}
