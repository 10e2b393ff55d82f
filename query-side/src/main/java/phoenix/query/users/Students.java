package phoenix.query.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.query.access.Viewer;
import phoenix.query.paging.Contains;
import phoenix.query.paging.Page;
import phoenix.query.paging.PageRequest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Children as the caller may see them (see {@link Viewer}), for every endpoint that lists children. */
@Component
public class Students {

    /**
     * A child. Everyone sees name and class; admins and the staff of the child's groups also its birthday,
     * sickness and group; only admins its tag. What the caller may not see is left out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StudentView(UUID id, String firstName, String lastName, String schoolClass, Boolean sick,
                              LocalDate birthday, UUID groupId, String groupName, String tag) {
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
    private static final String WHERE = """
             WHERE (lower(p.first_name) LIKE :name OR lower(p.last_name) LIKE :name)
               AND (CAST(:class AS text) IS NULL OR s.school_class = :class)
               AND (CAST(:group AS uuid) IS NULL OR s.group_id = :group)
            """;
    private static final String COLUMNS = "SELECT p.id, p.first_name, p.last_name, s.school_class, s.sick, "
            + "s.birthday, s.group_id, g.name AS group_name, t.tag";

    private final JdbcClient jdbc;

    Students(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sorted by last and first name. */
    public Page<StudentView> page(Filter filter, PageRequest request, Viewer viewer) {
        long total = jdbc.sql("SELECT count(*)" + FROM + WHERE)
                .param("name", Contains.pattern(filter.name())).param("class", filter.schoolClass())
                .param("group", filter.groupId())
                .query(Long.class).single();
        List<StudentView> items = jdbc.sql(COLUMNS + FROM + WHERE
                        + " ORDER BY lower(p.last_name), lower(p.first_name), p.id LIMIT :limit OFFSET :offset")
                .param("name", Contains.pattern(filter.name())).param("class", filter.schoolClass())
                .param("group", filter.groupId())
                .param("limit", request.size()).param("offset", request.offset())
                .query((rs, row) -> view(rs, viewer)).list();
        return request.of(items, total);
    }

    public Optional<StudentView> one(UUID id, Viewer viewer) {
        return jdbc.sql(COLUMNS + FROM + " WHERE p.id = :id").param("id", id)
                .query((rs, row) -> view(rs, viewer)).optional();
    }

    private static StudentView view(ResultSet rs, Viewer viewer) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID groupId = rs.getObject("group_id", UUID.class);
        if (!viewer.seesDetailsOfGroup(groupId)) {
            return new StudentView(id, rs.getString("first_name"), rs.getString("last_name"),
                    rs.getString("school_class"), null, null, null, null, null);
        }
        return new StudentView(id, rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("school_class"), rs.getBoolean("sick"), rs.getObject("birthday", LocalDate.class),
                groupId, rs.getString("group_name"), viewer.admin() ? rs.getString("tag") : null);
    }
}
