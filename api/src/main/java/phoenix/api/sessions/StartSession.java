package phoenix.api.sessions;

import java.util.Set;
import java.util.UUID;

/**
 * Staff start an activity on a reader: {@code roomId} null means the activity's planned room. {@code force}
 * replaces what conflicts (the device's running session, the activity running elsewhere, the room taken): open
 * visits in the room move to the new session; nobody is checked out of the day.
 */
public record StartSession(UUID sessionId, String deviceId, UUID activityId, UUID roomId, Set<UUID> supervisorIds,
                           boolean force) {
}
