package phoenix.command.sessions;

import java.util.Set;
import java.util.UUID;

/** A running session as the reader that runs it sees it. */
public record SessionView(UUID sessionId, String activityName, UUID roomId, String roomName, String deviceId,
                          Set<UUID> supervisorIds, int activeStudents) {

    static SessionView of(UUID sessionId, Session session) {
        return new SessionView(sessionId, session.activityName(), session.roomId(), session.roomName(),
                session.deviceId(), session.supervisors(), session.activeStudents());
    }
}
