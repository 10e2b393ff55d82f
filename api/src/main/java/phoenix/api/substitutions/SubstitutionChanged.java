package phoenix.api.substitutions;

import phoenix.api.DataSubject;
import phoenix.api.PersonalData;

import java.time.LocalDate;
import java.util.UUID;

public record SubstitutionChanged(UUID groupId,
                                  UUID substitutionId,
                                  @DataSubject UUID regularStaffId,
                                  @DataSubject UUID substituteStaffId,
                                  LocalDate startDate,
                                  LocalDate endDate,
                                  @PersonalData String reason) {
}
