package phoenix.query.activities;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
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
import java.util.List;
import java.util.UUID;

import static phoenix.api.Role.ADMIN;
import static phoenix.api.Role.STAFF;

@RestController
@RequestMapping("/api/activities")
@AllowedRoles({ADMIN, STAFF})
@ReadsProjection(ActivitiesProjector.PROJECTION)
@Tag(name = "Activities")
class ActivityQueryController {

    record ActivityView(UUID id, String name, String category, int maxParticipants, UUID plannedRoomId,
                        String plannedRoomName) {
    }

    private static final String SELECT = """
            SELECT a.*, r.name AS room_name
              FROM activities.groups a LEFT JOIN facilities.rooms r ON r.id = a.planned_room_id
            """;

    private final JdbcClient jdbc;

    ActivityQueryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sorted by name; {@code name} matches a part of it, {@code category} exactly. */
    @GetMapping
    Page<ActivityView> activities(@RequestParam(required = false) String name,
                                  @RequestParam(required = false) String category,
                                  @RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size) {
        PageRequest request = new PageRequest(page, size);
        String where = " WHERE lower(a.name) LIKE :name AND (CAST(:category AS text) IS NULL OR a.category = :category)";
        long total = jdbc.sql("SELECT count(*) FROM activities.groups a" + where)
                .param("name", Contains.pattern(name)).param("category", category)
                .query(Long.class).single();
        return request.of(jdbc.sql(SELECT + where + " ORDER BY lower(a.name), a.id LIMIT :limit OFFSET :offset")
                .param("name", Contains.pattern(name)).param("category", category)
                .param("limit", request.size()).param("offset", request.offset())
                .query(ActivityQueryController::activity).list(), total);
    }

    /** Every category in use, sorted. */
    @GetMapping("/categories")
    List<String> categories() {
        return jdbc.sql("SELECT name FROM activities.categories ORDER BY lower(name)").query(String.class).list();
    }

    @GetMapping("/{id}")
    ActivityView activity(@PathVariable UUID id) {
        return jdbc.sql(SELECT + " WHERE a.id = ?").param(id)
                .query(ActivityQueryController::activity).optional()
                .orElseThrow(() -> new PhoenixException(ErrorCode.ACTIVITY_NOT_FOUND, "There is no such activity."));
    }

    private static ActivityView activity(ResultSet rs, int row) throws SQLException {
        return new ActivityView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("category"),
                rs.getInt("max_participants"), rs.getObject("planned_room_id", UUID.class),
                rs.getString("room_name"));
    }
}
