package phoenix.api.checkin;

import phoenix.api.DataSubject;

import java.time.Instant;
import java.util.UUID;

/** A visit ends. {@code toSessionId}: where the child went, for a transfer or a session's replacement. */
public record StudentCheckedOut(UUID sessionId,
                                @DataSubject UUID studentId,
                                UUID visitId,
                                UUID roomId,
                                Instant checkedOutAt,
                                VisitCause cause,
                                UUID toSessionId) {
}
