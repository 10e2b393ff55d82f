package phoenix.command.groups;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.groups.GroupCreated;
import phoenix.api.groups.GroupDeleted;
import phoenix.api.groups.GroupHomeRoomChanged;

import java.util.Optional;
import java.util.UUID;

/**
 * Each group's home room (education.group_home_rooms), so a tap can tell whether a child leaves its home room
 * without loading (and locking) the group it shares with every other child of the group.
 */
@Component
@ProcessingGroup("group-home-rooms")
public class GroupHomeRooms {

    private final JdbcClient jdbc;

    GroupHomeRooms(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UUID> of(UUID groupId) {
        return jdbc.sql("SELECT home_room_id FROM education.group_home_rooms WHERE group_id = ?")
                .param(groupId).query(UUID.class).optional();
    }

    @EventHandler
    void on(GroupCreated event) {
        set(event.groupId(), event.homeRoomId());
    }

    @EventHandler
    void on(GroupHomeRoomChanged event) {
        set(event.groupId(), event.homeRoomId());
    }

    @EventHandler
    void on(GroupDeleted event) {
        jdbc.sql("DELETE FROM education.group_home_rooms WHERE group_id = ?").param(event.groupId()).update();
    }

    private void set(UUID groupId, UUID roomId) {
        jdbc.sql("""
                        INSERT INTO education.group_home_rooms (group_id, home_room_id) VALUES (?, ?)
                        ON CONFLICT (group_id) DO UPDATE SET home_room_id = excluded.home_room_id
                        """)
                .param(groupId).param(roomId).update();
    }
}
