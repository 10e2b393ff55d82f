package phoenix.query.facilities;

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
import java.util.UUID;

import static phoenix.api.Role.ADMIN;
import static phoenix.api.Role.STAFF;

@RestController
@RequestMapping("/api/rooms")
@AllowedRoles({ADMIN, STAFF})
@ReadsProjection(FacilitiesProjector.PROJECTION)
@Tag(name = "Rooms")
class RoomQueryController {

    record RoomView(UUID id, String name, String building, Integer floor, int capacity, String category) {
    }

    private final JdbcClient jdbc;

    RoomQueryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sorted by name; {@code name} filters by a part of it, ignoring case. */
    @GetMapping
    Page<RoomView> rooms(@RequestParam(required = false) String name,
                         @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = new PageRequest(page, size);
        String pattern = Contains.pattern(name);
        long total = jdbc.sql("SELECT count(*) FROM facilities.rooms WHERE lower(name) LIKE ?")
                .param(pattern).query(Long.class).single();
        return request.of(jdbc.sql("""
                        SELECT * FROM facilities.rooms WHERE lower(name) LIKE ?
                        ORDER BY lower(name), id LIMIT ? OFFSET ?
                        """)
                .param(pattern).param(request.size()).param(request.offset())
                .query(RoomQueryController::room).list(), total);
    }

    @GetMapping("/{id}")
    RoomView room(@PathVariable UUID id) {
        return jdbc.sql("SELECT * FROM facilities.rooms WHERE id = ?").param(id)
                .query(RoomQueryController::room).optional()
                .orElseThrow(() -> new PhoenixException(ErrorCode.ROOM_NOT_FOUND, "There is no such room."));
    }

    private static RoomView room(ResultSet rs, int row) throws SQLException {
        return new RoomView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("building"),
                rs.getObject("floor", Integer.class), rs.getInt("capacity"), rs.getString("category"));
    }
}
