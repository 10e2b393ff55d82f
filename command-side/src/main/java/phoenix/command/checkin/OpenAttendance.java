package phoenix.command.checkin;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.checkin.AttendanceClosed;
import phoenix.api.checkin.AttendanceOpened;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Attendance still open (active.open_attendance), so the end of each day can close it. */
@Component
@ProcessingGroup("open-attendance")
class OpenAttendance {

    record Open(UUID studentId, LocalDate day) {
    }

    private final JdbcClient jdbc;

    OpenAttendance(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Open> before(LocalDate day) {
        return jdbc.sql("SELECT student_id, day FROM active.open_attendance WHERE day < ? ORDER BY day")
                .param(day)
                .query((rs, row) -> new Open(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class)))
                .list();
    }

    @EventHandler
    void on(AttendanceOpened event) {
        jdbc.sql("INSERT INTO active.open_attendance (student_id, day) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .param(event.studentId()).param(event.day()).update();
    }

    @EventHandler
    void on(AttendanceClosed event) {
        jdbc.sql("DELETE FROM active.open_attendance WHERE student_id = ? AND day = ?")
                .param(event.studentId()).param(event.day()).update();
    }
}
