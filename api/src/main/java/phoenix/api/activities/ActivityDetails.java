package phoenix.api.activities;

import java.util.UUID;

/** An AG: {@code category} such as "Sport" or "Basteln"; {@code plannedRoomId} may be null. */
public record ActivityDetails(String name, String category, int maxParticipants, UUID plannedRoomId) {
}
