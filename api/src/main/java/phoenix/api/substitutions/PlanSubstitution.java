package phoenix.api.substitutions;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import phoenix.api.PersonalData;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The substitute stands in for the group's leader (or, without {@code regularStaffId}, joins the group) from
 * {@code startDate} to {@code endDate}, both inclusive, Berlin dates. Substitutions are entities of their group.
 */
public record PlanSubstitution(@TargetAggregateIdentifier UUID groupId,
                               UUID substitutionId,
                               UUID regularStaffId,
                               UUID substituteStaffId,
                               LocalDate startDate,
                               LocalDate endDate,
                               @PersonalData String reason) {
}
