package phoenix.api.substitutions;

import java.time.LocalDate;
import java.util.UUID;

/** Ended before its end date: {@code lastDay} is the last day it counts for (it gives no access from now on). */
public record SubstitutionEnded(UUID groupId, UUID substitutionId, LocalDate lastDay, EndReason reason) {
}
