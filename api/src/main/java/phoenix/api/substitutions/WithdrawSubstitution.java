package phoenix.api.substitutions;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Cancels a substitution that has not started; ends a running one now. */
public record WithdrawSubstitution(@TargetAggregateIdentifier UUID groupId, UUID substitutionId) {
}
