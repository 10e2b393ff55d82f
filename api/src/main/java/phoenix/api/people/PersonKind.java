package phoenix.api.people;

/** The two kinds of people who wear tags. */
public enum PersonKind {
    STUDENT,
    STAFF
}
