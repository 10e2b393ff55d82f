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
import phoenix.query.paging.Contains;
import phoenix.query.paging.Page;
import phoenix.query.paging.PageRequest;
import phoenix.query.position.ReadsProjection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

import static phoenix.api.Role.ADMIN;
import static phoenix.api.Role.STAFF;

@RestController
@RequestMapping("/api/students")
@AllowedRoles({ADMIN, STAFF})
@ReadsProjection(UsersProjector.PROJECTION)
@Tag(name = "Students")
class StudentQueryController {

    /** {@code birthday} and {@code tag} only for admins. */
    record StudentView(UUID id, String firstName, String lastName, String schoolClass, boolean sick,
                       LocalDate birthday, String tag) {
    }

    private static final String SELECT = """
            SELECT p.id, p.first_name, p.last_name, s.school_class, s.sick, s.birthday, t.tag
              FROM users.persons p
              JOIN users.students s ON s.person_id = p.id
              LEFT JOIN users.person_tags t ON t.person_id = p.id
            """;

    private final JdbcClient jdbc;

    StudentQueryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sorted by last and first name; {@code name} matches a part of either, {@code schoolClass} exactly. */
    @GetMapping
    Page<StudentView> students(@RequestParam(required = false) String name,
                               @RequestParam(required = false) String schoolClass,
                               @RequestParam(required = false) Integer page,
                               @RequestParam(required = false) Integer size,
                               Authentication caller) {
        PageRequest request = new PageRequest(page, size);
        String where = " WHERE (lower(p.first_name) LIKE :name OR lower(p.last_name) LIKE :name)"
                + " AND (CAST(:class AS text) IS NULL OR s.school_class = :class)";
        long total = jdbc.sql("SELECT count(*) FROM users.persons p JOIN users.students s ON s.person_id = p.id"
                        + where)
                .param("name", Contains.pattern(name)).param("class", schoolClass)
                .query(Long.class).single();
        Viewer viewer = Viewer.of(caller);
        return request.of(jdbc.sql(SELECT + where
                        + " ORDER BY lower(p.last_name), lower(p.first_name), p.id LIMIT :limit OFFSET :offset")
                .param("name", Contains.pattern(name)).param("class", schoolClass)
                .param("limit", request.size()).param("offset", request.offset())
                .query((rs, row) -> student(rs, viewer)).list(), total);
    }

    @GetMapping("/{id}")
    StudentView student(@PathVariable UUID id, Authentication caller) {
        Viewer viewer = Viewer.of(caller);
        return jdbc.sql(SELECT + " WHERE p.id = ?").param(id)
                .query((rs, row) -> student(rs, viewer)).optional()
                .orElseThrow(() -> new PhoenixException(ErrorCode.STUDENT_NOT_FOUND, "There is no such student."));
    }

    private static StudentView student(ResultSet rs, Viewer viewer) throws SQLException {
        return new StudentView(rs.getObject("id", UUID.class), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("school_class"), rs.getBoolean("sick"),
                viewer.personal(rs.getObject("birthday", LocalDate.class)), viewer.personal(rs.getString("tag")));
    }
}
