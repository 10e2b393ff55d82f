package phoenix.api.rooms;

import java.util.UUID;

public record RoomDetailsChanged(UUID roomId, RoomDetails details) {
}
