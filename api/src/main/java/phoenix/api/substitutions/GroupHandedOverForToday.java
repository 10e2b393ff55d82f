package phoenix.api.substitutions;

import phoenix.api.DataSubject;

import java.time.LocalDate;
import java.util.UUID;

/** A same-day transfer: {@code targetStaffId} has access to the group on {@code date} (a Berlin date). */
public record GroupHandedOverForToday(UUID groupId,
                                      UUID substitutionId,
                                      @DataSubject UUID leaderStaffId,
                                      @DataSubject UUID targetStaffId,
                                      LocalDate date) {
}
