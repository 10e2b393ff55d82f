package phoenix.query.users;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.platform.security.AllowedRoles;
import phoenix.query.access.Viewer;
import phoenix.query.paging.Contains;
import phoenix.query.paging.Page;
import phoenix.query.paging.PageRequest;
import phoenix.query.position.ReadsProjection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import static phoenix.api.Role.ADMIN;
import static phoenix.api.Role.STAFF;

@RestController
@RequestMapping("/api/staff")
@AllowedRoles({ADMIN, STAFF})
@ReadsProjection(UsersProjector.PROJECTION)
@Tag(name = "Staff")
class StaffQueryController {

    /** {@code teacher}: may lead an OGS group. {@code tag} only for admins. */
    record StaffView(UUID id, String firstName, String lastName, String email, String position, boolean teacher,
                     String tag) {
    }

    private static final String FROM = """
              FROM users.persons p
              JOIN users.staff s ON s.person_id = p.id
              LEFT JOIN users.teachers te ON te.staff_id = p.id
              LEFT JOIN users.person_tags t ON t.person_id = p.id
            """;
    private static final String WHERE = " WHERE (lower(p.first_name) LIKE :name OR lower(p.last_name) LIKE :name)"
            + " AND (CAST(:teacher AS boolean) IS NULL OR (te.staff_id IS NOT NULL) = :teacher)";

    private final JdbcClient jdbc;

    StaffQueryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sorted by last and first name; {@code name} matches a part of either; {@code teacher=true} only teachers. */
    @GetMapping
    Page<StaffView> staff(@RequestParam(required = false) String name,
                          @RequestParam(required = false) Boolean teacher,
                          @RequestParam(required = false) Integer page,
                          @RequestParam(required = false) Integer size,
                          Authentication caller) {
        PageRequest request = new PageRequest(page, size);
        long total = jdbc.sql("SELECT count(*)" + FROM + WHERE)
                .param("name", Contains.pattern(name)).param("teacher", teacher)
                .query(Long.class).single();
        boolean admin = Viewer.isAdmin(caller);
        return request.of(jdbc.sql("SELECT p.id, p.first_name, p.last_name, s.email, s.position, "
                        + "te.staff_id IS NOT NULL AS teacher, t.tag" + FROM + WHERE
                        + " ORDER BY lower(p.last_name), lower(p.first_name), p.id LIMIT :limit OFFSET :offset")
                .param("name", Contains.pattern(name)).param("teacher", teacher)
                .param("limit", request.size()).param("offset", request.offset())
                .query((rs, row) -> staff(rs, admin)).list(), total);
    }

    @GetMapping("/{id}")
    StaffView member(@PathVariable UUID id, Authentication caller) {
        boolean admin = Viewer.isAdmin(caller);
        return jdbc.sql("SELECT p.id, p.first_name, p.last_name, s.email, s.position, "
                        + "te.staff_id IS NOT NULL AS teacher, t.tag" + FROM + " WHERE p.id = :id")
                .param("id", id)
                .query((rs, row) -> staff(rs, admin)).optional()
                .orElseThrow(() -> new PhoenixException(ErrorCode.STAFF_NOT_FOUND, "There is no such staff member."));
    }


    private static StaffView staff(ResultSet rs, boolean admin) throws SQLException {
        return new StaffView(rs.getObject("id", UUID.class), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("email"), rs.getString("position"), rs.getBoolean("teacher"),
                admin ? rs.getString("tag") : null);
    }
}
