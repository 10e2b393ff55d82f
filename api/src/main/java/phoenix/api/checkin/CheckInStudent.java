package phoenix.api.checkin;

import java.util.UUID;

/** Staff check a child into a running session (a child without a tag, a forgotten wristband). */
public record CheckInStudent(UUID studentId, UUID sessionId, UUID staffId) {
}
