package phoenix.api.substitutions;

import phoenix.api.DataSubject;
import phoenix.api.PersonalData;

import java.time.LocalDate;
import java.util.UUID;

/** {@code reason} is free text, such as an illness: personal data of the regular staff member. */
public record SubstitutionPlanned(UUID groupId,
                                  UUID substitutionId,
                                  @DataSubject UUID regularStaffId,
                                  @DataSubject UUID substituteStaffId,
                                  LocalDate startDate,
                                  LocalDate endDate,
                                  @PersonalData String reason) {
}
