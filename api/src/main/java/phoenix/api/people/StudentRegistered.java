package phoenix.api.people;

import phoenix.api.DataSubject;
import phoenix.api.PersonalData;

import java.time.LocalDate;
import java.util.UUID;

public record StudentRegistered(@DataSubject UUID studentId,
                                @PersonalData String firstName,
                                @PersonalData String lastName,
                                String schoolClass,
                                @PersonalData LocalDate birthday) {
}
