package phoenix.api.substitutions;

/** Who arranged it: an admin plans substitutions for days; a group leader hands the group over for today. */
public enum SubstitutionKind {
    PLANNED,
    SAME_DAY_TRANSFER
}
