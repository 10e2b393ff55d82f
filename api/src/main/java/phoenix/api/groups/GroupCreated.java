package phoenix.api.groups;

import java.util.Set;
import java.util.UUID;

public record GroupCreated(UUID groupId, String name, UUID homeRoomId, Set<UUID> teacherIds) {
}
