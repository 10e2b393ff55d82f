package phoenix.query.active;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.checkin.AttendanceClosed;
import phoenix.api.checkin.AttendanceOpened;
import phoenix.api.checkin.DailyCheckoutOffered;
import phoenix.api.checkin.StudentCheckedIn;
import phoenix.api.checkin.StudentCheckedOut;
import phoenix.api.sessions.SessionEnded;
import phoenix.api.sessions.SessionStarted;
import phoenix.api.sessions.SupervisorJoined;
import phoenix.api.sessions.SupervisorsReplaced;
import phoenix.query.projections.Projector;
import phoenix.query.projections.ReadTables;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * The only writer of the active schema's read tables: sessions and their supervisors, visits, attendance. Every
 * handler can run twice (a replay) and leaves the same rows.
 */
@Component
@ProcessingGroup(ActiveProjector.PROJECTION)
class ActiveProjector implements Projector {

    static final String PROJECTION = "active";
    /** The tables it alone writes, parents first. */
    static final ReadTables TABLES = ReadTables.of("active.sessions", "active.session_supervisors", "active.visits",
            "active.attendance");

    private final JdbcClient jdbc;

    ActiveProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SessionStarted event) {
        jdbc.sql("""
                        INSERT INTO active.sessions (id, activity_id, activity_name, room_id, room_name, room_capacity,
                            max_participants, device_id, started_at)
                        VALUES (:id, :activity, :activityName, :room, :roomName, :capacity, :max, :device, :at)
                        ON CONFLICT (id) DO NOTHING
                        """)
                .param("id", event.sessionId()).param("activity", event.activityId())
                .param("activityName", event.activityName()).param("room", event.roomId())
                .param("roomName", event.roomName()).param("capacity", event.roomCapacity())
                .param("max", event.maxParticipants()).param("device", event.deviceId())
                .param("at", utc(event.startedAt()))
                .update();
        supervisors(event.sessionId(), event.supervisorIds(), event.startedAt());
    }

    @EventHandler
    void on(SupervisorsReplaced event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("DELETE FROM active.session_supervisors WHERE session_id = ?").param(event.sessionId()).update();
        supervisors(event.sessionId(), event.supervisorIds(), at);
    }

    @EventHandler
    void on(SupervisorJoined event, @org.axonframework.eventhandling.Timestamp Instant at) {
        supervisors(event.sessionId(), Set.of(event.staffId()), at);
    }

    @EventHandler
    void on(SessionEnded event) {
        jdbc.sql("UPDATE active.sessions SET ended_at = ?, end_reason = ?, replaced_by = ? WHERE id = ?")
                .param(utc(event.endedAt())).param(event.reason().name()).param(event.replacedBy())
                .param(event.sessionId())
                .update();
    }

    @EventHandler
    void on(StudentCheckedIn event) {
        jdbc.sql("""
                        INSERT INTO active.visits (id, session_id, student_id, room_id, started_at, start_cause)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                        """)
                .param(event.visitId()).param(event.sessionId()).param(event.studentId()).param(event.roomId())
                .param(utc(event.checkedInAt())).param(event.cause().name())
                .update();
    }

    @EventHandler
    void on(StudentCheckedOut event) {
        jdbc.sql("UPDATE active.visits SET ended_at = ?, end_cause = ? WHERE id = ?")
                .param(utc(event.checkedOutAt())).param(event.cause().name()).param(event.visitId())
                .update();
    }

    @EventHandler
    void on(AttendanceOpened event) {
        jdbc.sql("""
                        INSERT INTO active.attendance AS a (student_id, day, status, arrived_at, opened_at)
                        VALUES (:student, :day, 'OPEN', :at, :at)
                        ON CONFLICT (student_id, day) DO UPDATE
                        SET status = 'OPEN', opened_at = :at, closed_at = NULL, close_reason = NULL
                        WHERE a.opened_at < :at
                        """)
                .param("student", event.studentId()).param("day", event.day()).param("at", utc(event.openedAt()))
                .update();
    }

    @EventHandler
    void on(AttendanceClosed event) {
        jdbc.sql("""
                        UPDATE active.attendance SET status = 'CLOSED', closed_at = ?, close_reason = ?
                        WHERE student_id = ? AND day = ? AND opened_at <= ?
                        """)
                .param(utc(event.closedAt())).param(event.reason().name()).param(event.studentId())
                .param(event.day()).param(utc(event.closedAt()))
                .update();
    }

    @EventHandler
    void on(DailyCheckoutOffered event) {
        jdbc.sql("UPDATE active.attendance SET daily_checkout_offered_at = ? WHERE student_id = ? AND day = ?")
                .param(utc(event.offeredAt())).param(event.studentId()).param(event.day())
                .update();
    }

    @Override
    public ReadTables tables() {
        return TABLES;
    }

    @ResetHandler
    void reset() {
        TABLES.deleteAll(jdbc);
    }

    private void supervisors(UUID sessionId, Set<UUID> staffIds, Instant since) {
        for (UUID staffId : staffIds) {
            jdbc.sql("INSERT INTO active.session_supervisors (session_id, staff_id, since) VALUES (?, ?, ?) "
                            + "ON CONFLICT DO NOTHING")
                    .param(sessionId).param(staffId).param(utc(since)).update();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
