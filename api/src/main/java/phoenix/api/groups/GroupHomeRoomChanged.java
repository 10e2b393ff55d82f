package phoenix.api.groups;

import java.util.UUID;

public record GroupHomeRoomChanged(UUID groupId, UUID homeRoomId, UUID previousHomeRoomId) {
}
