package phoenix.api.substitutions;

import java.util.UUID;

/** Withdrawn before it started: it never took effect. */
public record SubstitutionCancelled(UUID groupId, UUID substitutionId, EndReason reason) {
}
