package phoenix.query.schedule;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import phoenix.platform.security.AllowedRoles;
import phoenix.query.access.MyGroups;
import phoenix.query.access.Viewer;
import phoenix.query.paging.Page;
import phoenix.query.paging.PageRequest;
import phoenix.query.position.ReadsProjection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static phoenix.api.Role.ADMIN;
import static phoenix.api.Role.STAFF;

/** Substitutions and same-day transfers. Dates are Berlin dates; a substitution counts on start to end, inclusive. */
@RestController
@AllowedRoles({ADMIN, STAFF})
@ReadsProjection({"schedule", "education", "users"})
@Tag(name = "Substitutions")
class SubstitutionQueryController {

    record Person(UUID id, String firstName, String lastName) {
    }

    /**
     * {@code lastDay}: the last day it counts (its end date, or the day before it was ended early);
     * {@code durationDays}: start to lastDay; {@code activeNow}: today is one of its days. {@code reason} only for
     * admins: it may say why a colleague is away.
     */
    record SubstitutionView(UUID id, String kind, UUID groupId, String groupName, Person regular, Person substitute,
                            LocalDate startDate, LocalDate endDate, LocalDate lastDay, String status,
                            String endReason, long durationDays, boolean activeNow, String reason) {
    }

    private static final String SELECT = """
            SELECT s.*, g.name AS group_name,
                   r.first_name AS regular_first, r.last_name AS regular_last,
                   p.first_name AS substitute_first, p.last_name AS substitute_last
              FROM schedule.substitutions s
              LEFT JOIN education.groups g ON g.id = s.group_id
              LEFT JOIN users.persons r ON r.id = s.regular_staff_id
              LEFT JOIN users.persons p ON p.id = s.substitute_staff_id
            """;

    private final JdbcClient jdbc;
    private final MyGroups myGroups;

    SubstitutionQueryController(JdbcClient jdbc, MyGroups myGroups) {
        this.jdbc = jdbc;
        this.myGroups = myGroups;
    }

    /** Those active on {@code date} (default today), optionally of one group or one staff member (either side). */
    @GetMapping("/api/substitutions")
    Page<SubstitutionView> activeOn(@RequestParam(required = false) LocalDate date,
                                    @RequestParam(required = false) UUID groupId,
                                    @RequestParam(required = false) UUID staffId,
                                    @RequestParam(required = false) Integer page,
                                    @RequestParam(required = false) Integer size,
                                    Authentication caller) {
        return list(" WHERE s.start_date <= :date AND s.last_day >= :date", date == null ? myGroups.today() : date,
                groupId, staffId, new PageRequest(page, size), caller);
    }

    /** All of a group's substitutions, past, present and future, the latest first. */
    @GetMapping("/api/groups/{id}/substitutions")
    Page<SubstitutionView> ofGroup(@PathVariable UUID id, @RequestParam(required = false) Integer page,
                                   @RequestParam(required = false) Integer size, Authentication caller) {
        return list(" WHERE CAST(:date AS date) IS NULL", null, id, null, new PageRequest(page, size), caller);
    }

    /** All substitutions a staff member takes part in, as the substitute or as the one substituted for. */
    @GetMapping("/api/staff/{id}/substitutions")
    Page<SubstitutionView> ofStaff(@PathVariable UUID id, @RequestParam(required = false) Integer page,
                                   @RequestParam(required = false) Integer size, Authentication caller) {
        return list(" WHERE CAST(:date AS date) IS NULL", null, null, id, new PageRequest(page, size), caller);
    }

    private Page<SubstitutionView> list(String when, LocalDate date, UUID groupId, UUID staffId,
                                        PageRequest request, Authentication caller) {
        String where = when + """
                 AND (CAST(:group AS uuid) IS NULL OR s.group_id = :group)
                 AND (CAST(:staff AS uuid) IS NULL OR s.substitute_staff_id = :staff OR s.regular_staff_id = :staff)
                """;
        long total = jdbc.sql("SELECT count(*) FROM schedule.substitutions s" + where)
                .param("date", date).param("group", groupId).param("staff", staffId)
                .query(Long.class).single();
        LocalDate today = myGroups.today();
        boolean admin = Viewer.isAdmin(caller);
        return request.of(jdbc.sql(SELECT + where + " ORDER BY s.start_date DESC, s.id LIMIT :limit OFFSET :offset")
                .param("date", date).param("group", groupId).param("staff", staffId)
                .param("limit", request.size()).param("offset", request.offset())
                .query((rs, row) -> view(rs, today, admin)).list(), total);
    }

    private static SubstitutionView view(ResultSet rs, LocalDate today, boolean admin) throws SQLException {
        LocalDate start = rs.getObject("start_date", LocalDate.class);
        LocalDate lastDay = rs.getObject("last_day", LocalDate.class);
        UUID regular = rs.getObject("regular_staff_id", UUID.class);
        return new SubstitutionView(rs.getObject("id", UUID.class), rs.getString("kind"),
                rs.getObject("group_id", UUID.class), rs.getString("group_name"),
                regular == null ? null : new Person(regular, rs.getString("regular_first"), rs.getString("regular_last")),
                new Person(rs.getObject("substitute_staff_id", UUID.class), rs.getString("substitute_first"),
                        rs.getString("substitute_last")),
                start, rs.getObject("end_date", LocalDate.class), lastDay, rs.getString("status"),
                rs.getString("end_reason"), Math.max(0, ChronoUnit.DAYS.between(start, lastDay) + 1),
                !start.isAfter(today) && !lastDay.isBefore(today), admin ? rs.getString("reason") : null);
    }
}
