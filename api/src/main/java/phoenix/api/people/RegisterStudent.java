package phoenix.api.people;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import phoenix.api.PersonalData;

import java.time.LocalDate;
import java.util.UUID;

public record RegisterStudent(@TargetAggregateIdentifier UUID studentId,
                              @PersonalData String firstName,
                              @PersonalData String lastName,
                              String schoolClass,
                              @PersonalData LocalDate birthday) {
}
