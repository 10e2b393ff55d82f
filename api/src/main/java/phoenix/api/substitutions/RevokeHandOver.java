package phoenix.api.substitutions;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** A leader of the group takes back a same-day transfer. */
public record RevokeHandOver(@TargetAggregateIdentifier UUID groupId, UUID substitutionId, UUID leaderStaffId) {
}
