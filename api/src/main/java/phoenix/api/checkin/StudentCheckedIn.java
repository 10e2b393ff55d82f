package phoenix.api.checkin;

import phoenix.api.DataSubject;

import java.time.Instant;
import java.util.UUID;

/**
 * A visit begins: the child is in the session's room. {@code fromSessionId}: the session it came from, when this
 * is the second half of a transfer or of a session's replacement.
 */
public record StudentCheckedIn(UUID sessionId,
                               @DataSubject UUID studentId,
                               UUID visitId,
                               UUID roomId,
                               Instant checkedInAt,
                               VisitCause cause,
                               UUID fromSessionId) {
}
