package phoenix.api.people;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import phoenix.api.PersonalData;

import java.util.UUID;

/** {@code teacher}: may lead an OGS group. {@code position} is a job title such as "Erzieherin". */
public record RegisterStaff(@TargetAggregateIdentifier UUID staffId,
                            @PersonalData String firstName,
                            @PersonalData String lastName,
                            @PersonalData String email,
                            String position,
                            boolean teacher) {
}
