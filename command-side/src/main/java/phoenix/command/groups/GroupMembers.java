package phoenix.command.groups;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.groups.StudentAssignedToGroup;
import phoenix.api.groups.StudentRemovedFromGroup;

import java.util.List;
import java.util.UUID;

/** Which children each group has (education.group_members), so that deleting a group can take them out. */
@Component
@ProcessingGroup("group-members")
class GroupMembers {

    private final JdbcClient jdbc;

    GroupMembers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<UUID> of(UUID groupId) {
        return jdbc.sql("SELECT student_id FROM education.group_members WHERE group_id = ?")
                .param(groupId).query(UUID.class).list();
    }

    @EventHandler
    void on(StudentAssignedToGroup event) {
        jdbc.sql("""
                        INSERT INTO education.group_members (student_id, group_id) VALUES (?, ?)
                        ON CONFLICT (student_id) DO UPDATE SET group_id = excluded.group_id
                        """)
                .param(event.studentId()).param(event.groupId()).update();
    }

    @EventHandler
    void on(StudentRemovedFromGroup event) {
        jdbc.sql("DELETE FROM education.group_members WHERE student_id = ? AND group_id = ?")
                .param(event.studentId()).param(event.groupId()).update();
    }
}
