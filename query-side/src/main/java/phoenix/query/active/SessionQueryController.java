package phoenix.query.active;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.platform.security.AllowedRoles;
import phoenix.query.paging.Page;
import phoenix.query.paging.PageRequest;
import phoenix.query.position.ReadsProjection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static phoenix.api.Role.ADMIN;
import static phoenix.api.Role.STAFF;

/** Sessions (activities running in rooms) and who is in each room. */
@RestController
@AllowedRoles({ADMIN, STAFF})
@ReadsProjection({"active", "users", "facilities"})
@Tag(name = "Sessions")
class SessionQueryController {

    record Person(UUID id, String firstName, String lastName) {
    }

    /** A child in a room, and since when. */
    record Occupant(UUID id, String firstName, String lastName, Instant since) {
    }

    record SessionView(UUID id, UUID activityId, String activityName, UUID roomId, String roomName, String deviceId,
                       List<Person> supervisors, long activeStudents, Instant startedAt, Instant endedAt,
                       String endReason) {
    }

    record SessionDetails(SessionView session, List<Occupant> children) {
    }

    record Occupancy(UUID roomId, String roomName, int capacity, UUID sessionId, String activityName,
                     long activeStudents, List<Occupant> children) {
    }

    private static final String SELECT = """
            SELECT s.*, (SELECT count(*) FROM active.visits v WHERE v.session_id = s.id AND v.ended_at IS NULL) AS students
              FROM active.sessions s
            """;

    private final JdbcClient jdbc;

    SessionQueryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The running sessions (with {@code running=false}: all, the latest first); {@code unsupervised=true}: only those
     * nobody supervises, such as the schoolyard's.
     */
    @GetMapping("/api/sessions")
    Page<SessionView> sessions(@RequestParam(defaultValue = "true") boolean running,
                               @RequestParam(defaultValue = "false") boolean unsupervised,
                               @RequestParam(required = false) Integer page,
                               @RequestParam(required = false) Integer size) {
        PageRequest request = new PageRequest(page, size);
        String where = " WHERE (NOT :running OR s.ended_at IS NULL) AND (NOT :unsupervised OR NOT EXISTS "
                + "(SELECT 1 FROM active.session_supervisors x WHERE x.session_id = s.id))";
        long total = jdbc.sql("SELECT count(*) FROM active.sessions s" + where)
                .param("running", running).param("unsupervised", unsupervised).query(Long.class).single();
        return request.of(jdbc.sql(SELECT + where + " ORDER BY s.started_at DESC, s.id LIMIT :limit OFFSET :offset")
                .param("running", running).param("unsupervised", unsupervised)
                .param("limit", request.size()).param("offset", request.offset())
                .query(this::sessionView).list(), total);
    }

    @GetMapping("/api/sessions/{id}")
    SessionDetails session(@PathVariable UUID id) {
        SessionView session = jdbc.sql(SELECT + " WHERE s.id = ?").param(id).query(this::sessionView).optional()
                .orElseThrow(() -> new PhoenixException(ErrorCode.SESSION_NOT_FOUND, "There is no such session."));
        return new SessionDetails(session, occupants(id));
    }

    /** Who is in the room now: the children of its running session. */
    @GetMapping("/api/rooms/{id}/occupancy")
    Occupancy occupancy(@PathVariable UUID id) {
        Occupancy room = jdbc.sql("SELECT name, capacity FROM facilities.rooms WHERE id = ?").param(id)
                .query((rs, row) -> new Occupancy(id, rs.getString("name"), rs.getInt("capacity"), null, null, 0,
                        List.of()))
                .optional()
                .orElseThrow(() -> new PhoenixException(ErrorCode.ROOM_NOT_FOUND, "There is no such room."));
        return jdbc.sql("SELECT id, activity_name FROM active.sessions WHERE room_id = ? AND ended_at IS NULL "
                        + "ORDER BY started_at DESC LIMIT 1")
                .param(id)
                .query((rs, row) -> {
                    List<Occupant> children = occupants(rs.getObject("id", UUID.class));
                    return new Occupancy(id, room.roomName(), room.capacity(), rs.getObject("id", UUID.class),
                            rs.getString("activity_name"), children.size(), children);
                })
                .optional().orElse(room);
    }

    private List<Occupant> occupants(UUID sessionId) {
        return jdbc.sql("""
                        SELECT p.id, p.first_name, p.last_name, v.started_at FROM active.visits v
                          JOIN users.persons p ON p.id = v.student_id
                         WHERE v.session_id = ? AND v.ended_at IS NULL
                         ORDER BY lower(p.last_name), lower(p.first_name)
                        """)
                .param(sessionId)
                .query((rs, row) -> new Occupant(rs.getObject("id", UUID.class), rs.getString("first_name"),
                        rs.getString("last_name"), rs.getTimestamp("started_at").toInstant()))
                .list();
    }

    private SessionView sessionView(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new SessionView(id, rs.getObject("activity_id", UUID.class), rs.getString("activity_name"),
                rs.getObject("room_id", UUID.class), rs.getString("room_name"), rs.getString("device_id"),
                supervisors(id), rs.getLong("students"), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("ended_at")), rs.getString("end_reason"));
    }

    private List<Person> supervisors(UUID sessionId) {
        return jdbc.sql("""
                        SELECT p.id, p.first_name, p.last_name FROM active.session_supervisors x
                          JOIN users.persons p ON p.id = x.staff_id
                         WHERE x.session_id = ? ORDER BY lower(p.last_name), lower(p.first_name)
                        """)
                .param(sessionId)
                .query((rs, row) -> new Person(rs.getObject("id", UUID.class), rs.getString("first_name"),
                        rs.getString("last_name")))
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
