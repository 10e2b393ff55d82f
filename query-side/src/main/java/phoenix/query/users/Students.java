package phoenix.query.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.time.SchoolCalendar;
import phoenix.query.access.Viewer;
import phoenix.query.paging.Contains;
import phoenix.query.paging.Page;
import phoenix.query.paging.PageRequest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Children as the caller may see them (see {@link Viewer}), for every endpoint that lists children. */
@Component
public class Students {

    /**
     * A child. Everyone sees name, class and whether it is here today; admins and the staff of the child's groups
     * also where it is, its birthday, sickness and group; only admins its tag. What the caller may not see is left
     * out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StudentView(UUID id, String firstName, String lastName, String schoolClass, boolean present,
                              Boolean sick, LocalDate birthday, UUID groupId, String groupName, String tag,
                              Location location) {
    }

    /**
     * Where a child is today: {@code PRESENT} in a room (an open visit), {@code IN_TRANSIT} (in the building
     * between rooms), or {@code ABSENT} (not here today, or gone home); {@code since} when.
     */
    public record Location(String status, UUID roomId, String roomName, UUID sessionId, Instant since) {
    }

    /** Filters of a list: a part of the first or last name, the exact class, the group. */
    public record Filter(String name, String schoolClass, UUID groupId) {
    }

    private static final String FROM = """
              FROM users.persons p
              JOIN users.students s ON s.person_id = p.id
              LEFT JOIN education.groups g ON g.id = s.group_id
              LEFT JOIN users.person_tags t ON t.person_id = p.id
            """;
    // today's whereabouts: the open visit, today's attendance, and when the child last left a room
    private static final String LOCATION = """
              LEFT JOIN LATERAL (SELECT v.session_id, v.room_id, v.started_at FROM active.visits v
                                  WHERE v.student_id = p.id AND v.ended_at IS NULL
                                  ORDER BY v.started_at DESC LIMIT 1) ov ON TRUE
              LEFT JOIN active.sessions vs ON vs.id = ov.session_id
              LEFT JOIN active.attendance att ON att.student_id = p.id AND att.day = :today
              LEFT JOIN LATERAL (SELECT max(v.ended_at) AS left_at FROM active.visits v
                                  WHERE v.student_id = p.id AND v.ended_at >= att.opened_at) lv ON TRUE
            """;
    private static final String WHERE = """
             WHERE (lower(p.first_name) LIKE :name OR lower(p.last_name) LIKE :name)
               AND (CAST(:class AS text) IS NULL OR s.school_class = :class)
               AND (CAST(:group AS uuid) IS NULL OR s.group_id = :group)
            """;
    private static final String COLUMNS = "SELECT p.id, p.first_name, p.last_name, s.school_class, s.sick, "
            + "s.birthday, s.group_id, g.name AS group_name, t.tag, ov.session_id AS visit_session, "
            + "ov.room_id AS visit_room, vs.room_name AS visit_room_name, ov.started_at AS visit_since, "
            + "att.status AS attendance, att.closed_at, coalesce(lv.left_at, att.opened_at) AS transit_since";

    private final JdbcClient jdbc;
    private final Clock clock;

    Students(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Sorted by last and first name. */
    public Page<StudentView> page(Filter filter, PageRequest request, Viewer viewer) {
        long total = jdbc.sql("SELECT count(*)" + FROM + WHERE)
                .param("name", Contains.pattern(filter.name())).param("class", filter.schoolClass())
                .param("group", filter.groupId())
                .query(Long.class).single();
        List<StudentView> items = jdbc.sql(COLUMNS + FROM + LOCATION + WHERE
                        + " ORDER BY lower(p.last_name), lower(p.first_name), p.id LIMIT :limit OFFSET :offset")
                .param("name", Contains.pattern(filter.name())).param("class", filter.schoolClass())
                .param("group", filter.groupId()).param("today", SchoolCalendar.today(clock))
                .param("limit", request.size()).param("offset", request.offset())
                .query((rs, row) -> view(rs, viewer)).list();
        return request.of(items, total);
    }

    public Optional<StudentView> one(UUID id, Viewer viewer) {
        return jdbc.sql(COLUMNS + FROM + LOCATION + " WHERE p.id = :id").param("id", id)
                .param("today", SchoolCalendar.today(clock))
                .query((rs, row) -> view(rs, viewer)).optional();
    }

    private static StudentView view(ResultSet rs, Viewer viewer) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID groupId = rs.getObject("group_id", UUID.class);
        Location location = location(rs);
        boolean present = !location.status().equals("ABSENT");
        if (!viewer.seesDetailsOfGroup(groupId)) {
            return new StudentView(id, rs.getString("first_name"), rs.getString("last_name"),
                    rs.getString("school_class"), present, null, null, null, null, null, null);
        }
        return new StudentView(id, rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("school_class"), present, rs.getBoolean("sick"), rs.getObject("birthday", LocalDate.class),
                groupId, rs.getString("group_name"), viewer.admin() ? rs.getString("tag") : null, location);
    }

    private static Location location(ResultSet rs) throws SQLException {
        UUID session = rs.getObject("visit_session", UUID.class);
        if (session != null) {
            return new Location("PRESENT", rs.getObject("visit_room", UUID.class), rs.getString("visit_room_name"),
                    session, instant(rs.getTimestamp("visit_since")));
        }
        if ("OPEN".equals(rs.getString("attendance"))) {
            return new Location("IN_TRANSIT", null, null, null, instant(rs.getTimestamp("transit_since")));
        }
        return new Location("ABSENT", null, null, null, instant(rs.getTimestamp("closed_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
