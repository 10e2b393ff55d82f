package phoenix.api.checkin;

import java.util.UUID;

/** Staff send a child home: its visit ends and its attendance closes. */
public record CheckOutStudent(UUID studentId, UUID staffId) {
}
