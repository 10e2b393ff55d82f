package phoenix.command.rooms;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.rooms.RoomDetailsChanged;
import phoenix.api.rooms.RoomRegistered;
import phoenix.command.dispatch.UniqueNames;

import java.util.UUID;

/** Room names are unique in the school (facilities.room_names). */
@Component
@ProcessingGroup("room-names")
public class RoomNames {

    private final UniqueNames names;

    RoomNames(JdbcClient jdbc) {
        this.names = new UniqueNames(jdbc, "facilities.room_names", "room_id", ErrorCode.ROOM_NAME_TAKEN,
                "Another room already has this name.");
    }

    void requireFree(String name, UUID roomId) {
        names.requireFree(name, roomId);
    }

    @EventHandler
    void on(RoomRegistered event) {
        names.claim(event.roomId(), event.details().name());
    }

    @EventHandler
    void on(RoomDetailsChanged event) {
        names.claim(event.roomId(), event.details().name());
    }
}
