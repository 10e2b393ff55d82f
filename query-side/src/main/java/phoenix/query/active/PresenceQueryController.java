package phoenix.query.active;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.time.SchoolCalendar;
import phoenix.platform.security.AllowedRoles;
import phoenix.query.access.MyGroups;
import phoenix.query.access.Viewer;
import phoenix.query.paging.Page;
import phoenix.query.paging.PageRequest;
import phoenix.query.position.ReadsProjection;
import phoenix.query.users.Students;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static phoenix.api.Role.ADMIN;
import static phoenix.api.Role.STAFF;

/** Where children are, where they were today and before, and who is in the building. */
@RestController
@AllowedRoles({ADMIN, STAFF})
@ReadsProjection({"active", "users", "education", "schedule"})
@Tag(name = "Presence")
class PresenceQueryController {

    /** For children outside the caller's groups only {@code present}: the rest is left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Whereabouts(UUID studentId, boolean present, Students.Location location) {
    }

    record Visit(UUID id, UUID sessionId, UUID roomId, String roomName, String activityName, Instant startedAt,
                 String startCause, Instant endedAt, String endCause) {
    }

    /**
     * A child's day: {@code status} OPEN (in the building), CLOSED (gone home) or ABSENT (not seen today). Times
     * only for the staff of the child's group.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Attendance(UUID studentId, String firstName, String lastName, String schoolClass, UUID groupId,
                      LocalDate day, String status, Instant arrivedAt, Instant closedAt, String closeReason) {
    }

    private final JdbcClient jdbc;
    private final Students students;
    private final MyGroups myGroups;
    private final Clock clock;

    PresenceQueryController(JdbcClient jdbc, Students students, MyGroups myGroups, Clock clock) {
        this.jdbc = jdbc;
        this.students = students;
        this.myGroups = myGroups;
        this.clock = clock;
    }

    @GetMapping("/api/students/{id}/location")
    Whereabouts location(@PathVariable UUID id, Authentication caller) {
        Students.StudentView student = students.one(id, Viewer.of(caller, myGroups))
                .orElseThrow(() -> new PhoenixException(ErrorCode.STUDENT_NOT_FOUND, "There is no such student."));
        return new Whereabouts(id, student.present(), student.location());
    }

    /** Every visit of the child, the latest first: for its group's staff and admins. */
    @GetMapping("/api/students/{id}/visits")
    Page<Visit> visits(@PathVariable UUID id, @RequestParam(required = false) Integer page,
                       @RequestParam(required = false) Integer size, Authentication caller) {
        Students.StudentView student = students.one(id, Viewer.of(caller, myGroups))
                .orElseThrow(() -> new PhoenixException(ErrorCode.STUDENT_NOT_FOUND, "There is no such student."));
        if (student.location() == null) {
            throw new PhoenixException(ErrorCode.FORBIDDEN, "Only the staff of the child's group see its visits.");
        }
        PageRequest request = new PageRequest(page, size);
        long total = jdbc.sql("SELECT count(*) FROM active.visits WHERE student_id = ?").param(id)
                .query(Long.class).single();
        return request.of(jdbc.sql("""
                        SELECT v.*, s.room_name, s.activity_name FROM active.visits v
                          LEFT JOIN active.sessions s ON s.id = v.session_id
                         WHERE v.student_id = ? ORDER BY v.started_at DESC, v.id LIMIT ? OFFSET ?
                        """)
                .param(id).param(request.size()).param(request.offset())
                .query((rs, row) -> new Visit(rs.getObject("id", UUID.class), rs.getObject("session_id", UUID.class),
                        rs.getObject("room_id", UUID.class), rs.getString("room_name"), rs.getString("activity_name"),
                        instant(rs.getTimestamp("started_at")), rs.getString("start_cause"),
                        instant(rs.getTimestamp("ended_at")), rs.getString("end_cause")))
                .list(), total);
    }

    /** Every child (of one group, with {@code groupId}) and its attendance on {@code date} (default today). */
    @GetMapping("/api/attendance")
    Page<Attendance> attendance(@RequestParam(required = false) LocalDate date,
                                @RequestParam(required = false) UUID groupId,
                                @RequestParam(required = false) Integer page,
                                @RequestParam(required = false) Integer size,
                                Authentication caller) {
        PageRequest request = new PageRequest(page, size);
        LocalDate day = date == null ? SchoolCalendar.today(clock) : date;
        String where = " WHERE (CAST(:group AS uuid) IS NULL OR s.group_id = :group)";
        long total = jdbc.sql("SELECT count(*) FROM users.students s" + where).param("group", groupId)
                .query(Long.class).single();
        Viewer viewer = Viewer.of(caller, myGroups);
        return request.of(jdbc.sql("""
                        SELECT p.id, p.first_name, p.last_name, s.school_class, s.group_id, a.day, a.status,
                               a.arrived_at, a.closed_at, a.close_reason
                          FROM users.students s JOIN users.persons p ON p.id = s.person_id
                          LEFT JOIN active.attendance a ON a.student_id = s.person_id AND a.day = :day
                        """ + where + " ORDER BY lower(p.last_name), lower(p.first_name), p.id LIMIT :limit OFFSET :offset")
                .param("day", day).param("group", groupId).param("limit", request.size())
                .param("offset", request.offset())
                .query((rs, row) -> attendance(rs, day, viewer)).list(), total);
    }

    /** Attendance still open: children not checked out, today and (until the end-of-day closing) before. */
    @GetMapping("/api/attendance/open")
    Page<Attendance> openAttendance(@RequestParam(required = false) Integer page,
                                    @RequestParam(required = false) Integer size, Authentication caller) {
        PageRequest request = new PageRequest(page, size);
        long total = jdbc.sql("SELECT count(*) FROM active.attendance WHERE status = 'OPEN'").query(Long.class).single();
        Viewer viewer = Viewer.of(caller, myGroups);
        return request.of(jdbc.sql("""
                        SELECT p.id, p.first_name, p.last_name, s.school_class, s.group_id, a.day, a.status,
                               a.arrived_at, a.closed_at, a.close_reason
                          FROM active.attendance a JOIN users.persons p ON p.id = a.student_id
                          LEFT JOIN users.students s ON s.person_id = a.student_id
                         WHERE a.status = 'OPEN'
                         ORDER BY a.day, lower(p.last_name), lower(p.first_name) LIMIT ? OFFSET ?
                        """)
                .param(request.size()).param(request.offset())
                .query((rs, row) -> attendance(rs, rs.getObject("day", LocalDate.class), viewer)).list(), total);
    }

    private static Attendance attendance(ResultSet rs, LocalDate day, Viewer viewer) throws SQLException {
        String status = rs.getString("status") == null ? "ABSENT" : rs.getString("status");
        UUID groupId = rs.getObject("group_id", UUID.class);
        boolean details = viewer.seesDetailsOfGroup(groupId);
        return new Attendance(rs.getObject("id", UUID.class), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("school_class"), details ? groupId : null, day, status,
                details ? instant(rs.getTimestamp("arrived_at")) : null,
                details ? instant(rs.getTimestamp("closed_at")) : null,
                details ? rs.getString("close_reason") : null);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
