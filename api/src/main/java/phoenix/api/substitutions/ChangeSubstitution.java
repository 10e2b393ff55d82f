package phoenix.api.substitutions;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import phoenix.api.PersonalData;

import java.time.LocalDate;
import java.util.UUID;

public record ChangeSubstitution(@TargetAggregateIdentifier UUID groupId,
                                 UUID substitutionId,
                                 UUID substituteStaffId,
                                 LocalDate startDate,
                                 LocalDate endDate,
                                 @PersonalData String reason) {
}
