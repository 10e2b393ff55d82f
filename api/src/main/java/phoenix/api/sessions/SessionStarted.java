package phoenix.api.sessions;

import phoenix.api.DataSubject;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An activity runs in a room. Room and activity are described as they were at the start: their names, the room's
 * capacity and the activity's maximum of participants bound the session. {@code deviceId} and
 * {@code activityId} are null for the schoolyard's session.
 */
public record SessionStarted(UUID sessionId,
                             UUID activityId,
                             String activityName,
                             UUID roomId,
                             String roomName,
                             int roomCapacity,
                             int maxParticipants,
                             String deviceId,
                             @DataSubject Set<UUID> supervisorIds,
                             Instant startedAt) {
}
