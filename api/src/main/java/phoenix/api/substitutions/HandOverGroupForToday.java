package phoenix.api.substitutions;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** A leader of the group ({@code leaderStaffId}, the caller) gives {@code targetStaffId} access until tonight. */
public record HandOverGroupForToday(@TargetAggregateIdentifier UUID groupId,
                                    UUID substitutionId,
                                    UUID leaderStaffId,
                                    UUID targetStaffId) {
}
