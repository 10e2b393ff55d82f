package phoenix.command.sessions;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.sessions.SessionEnded;
import phoenix.api.sessions.SessionStarted;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The running sessions (active.running_sessions), kept in the same transaction as the sessions' events: at most one
 * per room, per activity and per device, also when two starts race (the keys refuse the second, which is then
 * retried and finds the first). It also remembers each session's last activity for the inactivity timeout.
 */
@Component
@ProcessingGroup("running-sessions")
public class RunningSessions {

    public record Running(UUID sessionId, UUID roomId, UUID activityId, String deviceId, Instant startedAt,
                          Instant lastActivityAt) {
    }

    private static final String SELECT = "SELECT session_id, room_id, activity_id, device_id, started_at, "
            + "last_activity_at FROM active.running_sessions";

    private final JdbcClient jdbc;

    RunningSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Running> inRoom(UUID roomId) {
        return one(" WHERE room_id = ?", roomId);
    }

    public Optional<Running> ofDevice(String deviceId) {
        return one(" WHERE device_id = ?", deviceId);
    }

    Optional<Running> ofActivity(UUID activityId) {
        return one(" WHERE activity_id = ?", activityId);
    }

    public List<Running> all() {
        return jdbc.sql(SELECT).query(RunningSessions::running).list();
    }

    /** A tap or a ping: the session is in use. */
    public void touch(UUID sessionId, Instant at) {
        jdbc.sql("UPDATE active.running_sessions SET last_activity_at = greatest(last_activity_at, ?) "
                        + "WHERE session_id = ?")
                .param(Timestamp.from(at)).param(sessionId).update();
    }

    @EventHandler
    void on(SessionStarted event) {
        try {
            jdbc.sql("""
                            INSERT INTO active.running_sessions
                                (session_id, room_id, activity_id, device_id, started_at, last_activity_at)
                            VALUES (?, ?, ?, ?, ?, ?)
                            """)
                    .param(event.sessionId()).param(event.roomId()).param(event.activityId())
                    .param(event.deviceId()).param(Timestamp.from(event.startedAt()))
                    .param(Timestamp.from(event.startedAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            // another session took the room, activity or device meanwhile: decide again on fresh data
            throw new ConcurrencyException("A session started concurrently", e);
        }
    }

    @EventHandler
    void on(SessionEnded event) {
        jdbc.sql("DELETE FROM active.running_sessions WHERE session_id = ?").param(event.sessionId()).update();
    }

    private Optional<Running> one(String where, Object value) {
        return jdbc.sql(SELECT + where).param(value).query(RunningSessions::running).optional();
    }

    private static Running running(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Running(rs.getObject("session_id", UUID.class), rs.getObject("room_id", UUID.class),
                rs.getObject("activity_id", UUID.class), rs.getString("device_id"),
                rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("last_activity_at").toInstant());
    }
}
