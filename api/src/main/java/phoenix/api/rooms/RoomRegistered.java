package phoenix.api.rooms;

import java.util.UUID;

public record RoomRegistered(UUID roomId, RoomDetails details) {
}
