package phoenix.api.people;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import phoenix.api.PersonalData;

import java.util.UUID;

public record ChangeStaffDetails(@TargetAggregateIdentifier UUID staffId,
                                 @PersonalData String firstName,
                                 @PersonalData String lastName,
                                 @PersonalData String email,
                                 String position,
                                 boolean teacher) {
}
