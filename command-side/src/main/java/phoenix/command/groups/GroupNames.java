package phoenix.command.groups;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.groups.GroupCreated;
import phoenix.api.groups.GroupDeleted;
import phoenix.api.groups.GroupRenamed;
import phoenix.command.dispatch.UniqueNames;

import java.util.UUID;

/**
 * Group names are unique (education.group_names), and the table names the groups that exist. Its rows also
 * order a deletion against assignments to the group: an assignment holds its group's row shared, a deletion
 * exclusively, so a child is never put into a group that is being deleted.
 */
@Component
@ProcessingGroup("group-names")
public class GroupNames {

    private final JdbcClient jdbc;
    private final UniqueNames names;

    GroupNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.names = new UniqueNames(jdbc, "education.group_names", "group_id", ErrorCode.GROUP_NAME_TAKEN,
                "Another group already has this name.");
    }

    void requireFree(String name, UUID groupId) {
        names.requireFree(name, groupId);
    }

    /** The group exists and is not being deleted until the caller's transaction ends. */
    public void requireExisting(UUID groupId) {
        if (!lock(groupId, "FOR SHARE")) {
            throw new PhoenixException(ErrorCode.GROUP_NOT_FOUND, "There is no such group.");
        }
    }

    /** Keeps assignments to the group out until the caller's transaction (the deletion) ends. */
    boolean lockForDeletion(UUID groupId) {
        return lock(groupId, "FOR UPDATE");
    }

    private boolean lock(UUID groupId, String mode) {
        return jdbc.sql("SELECT 1 FROM education.group_names WHERE group_id = ? " + mode)
                .param(groupId).query(Integer.class).optional().isPresent();
    }

    @EventHandler
    void on(GroupCreated event) {
        names.claim(event.groupId(), event.name());
    }

    @EventHandler
    void on(GroupRenamed event) {
        names.claim(event.groupId(), event.name());
    }

    @EventHandler
    void on(GroupDeleted event) {
        names.release(event.groupId());
    }
}
