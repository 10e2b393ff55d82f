package phoenix.query.education;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.platform.security.AllowedRoles;
import phoenix.platform.security.StaffClaim;
import phoenix.query.access.MyGroups;
import phoenix.query.access.Viewer;
import phoenix.query.paging.Contains;
import phoenix.query.paging.Page;
import phoenix.query.paging.PageRequest;
import phoenix.query.position.ReadsProjection;
import phoenix.query.users.Students;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static phoenix.api.Role.ADMIN;
import static phoenix.api.Role.STAFF;

@RestController
@AllowedRoles({ADMIN, STAFF})
@ReadsProjection({"education", "users", "schedule", "facilities", "active"})
@Tag(name = "Groups")
class GroupQueryController {

    record Person(UUID id, String firstName, String lastName) {
    }

    /** Who stands in for the group today: planned substitutes and same-day transfers. */
    record Substitute(UUID id, String firstName, String lastName, String kind, LocalDate until) {
    }

    record GroupView(UUID id, String name, UUID homeRoomId, String homeRoomName, List<Person> teachers,
                     List<Substitute> substitutesToday, long studentCount) {
    }

    /** A group of "my groups", and why it is mine: I lead it, or I substitute (or took it over) today. */
    record MyGroup(GroupView group, String access) {
    }

    private final JdbcClient jdbc;
    private final Students students;
    private final MyGroups myGroups;

    GroupQueryController(JdbcClient jdbc, Students students, MyGroups myGroups) {
        this.jdbc = jdbc;
        this.students = students;
        this.myGroups = myGroups;
    }

    /** Sorted by name; {@code name} matches a part of it. */
    @GetMapping("/api/groups")
    Page<GroupView> groups(@RequestParam(required = false) String name,
                           @RequestParam(required = false) Integer page,
                           @RequestParam(required = false) Integer size) {
        PageRequest request = new PageRequest(page, size);
        String pattern = Contains.pattern(name);
        long total = jdbc.sql("SELECT count(*) FROM education.groups WHERE lower(name) LIKE ?")
                .param(pattern).query(Long.class).single();
        List<UUID> ids = jdbc.sql("SELECT id FROM education.groups WHERE lower(name) LIKE ? "
                        + "ORDER BY lower(name), id LIMIT ? OFFSET ?")
                .param(pattern).param(request.size()).param(request.offset())
                .query(UUID.class).list();
        return request.of(ids.stream().map(this::view).toList(), total);
    }

    @GetMapping("/api/groups/{id}")
    GroupView group(@PathVariable UUID id) {
        return view(id);
    }

    /** The group's children, sorted by name, each as the caller may see it. */
    @GetMapping("/api/groups/{id}/students")
    Page<Students.StudentView> groupStudents(@PathVariable UUID id,
                                             @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer size,
                                             Authentication caller) {
        view(id); // 404 for an unknown group
        return students.page(new Students.Filter(null, null, id), new PageRequest(page, size),
                Viewer.of(caller, myGroups));
    }

    /** The groups the caller leads, substitutes in today or took over today. */
    @GetMapping("/api/me/groups")
    List<MyGroup> myGroups(Authentication caller) {
        UUID staffId = StaffClaim.of(caller).orElse(null);
        Set<UUID> mine = staffId == null ? Set.of() : myGroups.of(staffId);
        if (mine.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT g.id, CASE WHEN EXISTS (SELECT 1 FROM education.group_teacher t
                                                       WHERE t.group_id = g.id AND t.staff_id = :staff)
                                          THEN 'LEADER'
                                          WHEN EXISTS (SELECT 1 FROM schedule.substitutions s
                                                       WHERE s.group_id = g.id AND s.substitute_staff_id = :staff
                                                         AND s.kind = 'PLANNED'
                                                         AND s.start_date <= :today AND s.last_day >= :today)
                                          THEN 'SUBSTITUTE'
                                          ELSE 'TRANSFER' END AS access
                          FROM education.groups g
                         WHERE g.id IN (:groups)
                         ORDER BY lower(g.name)
                        """)
                .param("staff", staffId).param("today", myGroups.today())
                .param("groups", mine)
                .query((rs, row) -> new MyGroup(view(rs.getObject("id", UUID.class)), rs.getString("access")))
                .list();
    }

    private GroupView view(UUID id) {
        return jdbc.sql("""
                        SELECT g.id, g.name, g.home_room_id, r.name AS room_name,
                               (SELECT count(*) FROM users.students s WHERE s.group_id = g.id) AS students
                          FROM education.groups g LEFT JOIN facilities.rooms r ON r.id = g.home_room_id
                         WHERE g.id = ?
                        """)
                .param(id)
                .query((rs, row) -> new GroupView(id, rs.getString("name"), rs.getObject("home_room_id", UUID.class),
                        rs.getString("room_name"), teachers(id), substitutesToday(id), rs.getLong("students")))
                .optional()
                .orElseThrow(() -> new PhoenixException(ErrorCode.GROUP_NOT_FOUND, "There is no such group."));
    }

    private List<Person> teachers(UUID groupId) {
        return jdbc.sql("""
                        SELECT p.id, p.first_name, p.last_name FROM education.group_teacher t
                          JOIN users.persons p ON p.id = t.staff_id
                         WHERE t.group_id = ? ORDER BY lower(p.last_name), lower(p.first_name)
                        """)
                .param(groupId)
                .query((rs, row) -> new Person(rs.getObject("id", UUID.class), rs.getString("first_name"),
                        rs.getString("last_name")))
                .list();
    }

    private List<Substitute> substitutesToday(UUID groupId) {
        return jdbc.sql("""
                        SELECT p.id, p.first_name, p.last_name, s.kind, s.last_day FROM schedule.substitutions s
                          JOIN users.persons p ON p.id = s.substitute_staff_id
                         WHERE s.group_id = :group AND s.start_date <= :today AND s.last_day >= :today
                         ORDER BY lower(p.last_name), lower(p.first_name)
                        """)
                .param("group", groupId).param("today", myGroups.today())
                .query((rs, row) -> new Substitute(rs.getObject("id", UUID.class), rs.getString("first_name"),
                        rs.getString("last_name"), rs.getString("kind"), rs.getObject("last_day", LocalDate.class)))
                .list();
    }
}
