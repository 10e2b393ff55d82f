package phoenix.command.rooms;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.rooms.RoomDetailsChanged;
import phoenix.api.rooms.RoomRegistered;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Room names are unique across rooms, which no single Room can see. The room checks here first (a clear answer);
 * the table's key settles the race of two requests that both passed the check: the second insert waits for the
 * first transaction and then fails, rolling back its own events.
 */
@Component
@ProcessingGroup("room-names")
public class RoomNames {

    private final JdbcClient jdbc;

    RoomNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void requireFree(String name, UUID roomId) {
        Optional<UUID> holder = jdbc.sql("SELECT room_id FROM facilities.room_names WHERE name_key = ?")
                .param(key(name)).query(UUID.class).optional();
        if (holder.isPresent() && !holder.get().equals(roomId)) {
            throw taken();
        }
    }

    @EventHandler
    void on(RoomRegistered event) {
        claim(event.roomId(), event.details().name());
    }

    @EventHandler
    void on(RoomDetailsChanged event) {
        claim(event.roomId(), event.details().name());
    }

    private void claim(UUID roomId, String name) {
        try {
            jdbc.sql("""
                            INSERT INTO facilities.room_names (name_key, room_id) VALUES (?, ?)
                            ON CONFLICT (room_id) DO UPDATE SET name_key = excluded.name_key
                            """)
                    .param(key(name)).param(roomId).update();
        } catch (DuplicateKeyException e) {
            throw taken();
        }
    }

    /** "Turnhalle", " turnhalle " and "TURNHALLE" are the same name. */
    static String key(String name) {
        return name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static PhoenixException taken() {
        return new PhoenixException(ErrorCode.ROOM_NAME_TAKEN, "Another room already has this name.");
    }
}
