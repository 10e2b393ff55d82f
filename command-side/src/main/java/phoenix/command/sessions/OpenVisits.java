package phoenix.command.sessions;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.checkin.StudentCheckedIn;
import phoenix.api.checkin.StudentCheckedOut;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

/**
 * Where each child is (active.open_visits), kept in the same transaction as the visits' events: at most one open
 * visit per child, also when two readers tap the same child at once (the key refuses the second, which is then
 * retried and becomes a transfer).
 */
@Component
@ProcessingGroup("open-visits")
public class OpenVisits {

    public record OpenVisit(UUID sessionId, UUID visitId, UUID roomId) {
    }

    private final JdbcClient jdbc;

    OpenVisits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OpenVisit> of(UUID studentId) {
        return jdbc.sql("SELECT session_id, visit_id, room_id FROM active.open_visits WHERE student_id = ?")
                .param(studentId)
                .query((rs, row) -> new OpenVisit(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class)))
                .optional();
    }

    @EventHandler
    void on(StudentCheckedIn event) {
        try {
            jdbc.sql("INSERT INTO active.open_visits (student_id, session_id, visit_id, room_id, since) "
                            + "VALUES (?, ?, ?, ?, ?)")
                    .param(event.studentId()).param(event.sessionId()).param(event.visitId()).param(event.roomId())
                    .param(Timestamp.from(event.checkedInAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConcurrencyException("The child was checked in elsewhere at the same moment", e);
        }
    }

    @EventHandler
    void on(StudentCheckedOut event) {
        jdbc.sql("DELETE FROM active.open_visits WHERE student_id = ? AND visit_id = ?")
                .param(event.studentId()).param(event.visitId()).update();
    }
}
