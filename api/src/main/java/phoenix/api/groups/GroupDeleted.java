package phoenix.api.groups;

import java.util.UUID;

public record GroupDeleted(UUID groupId, String name) {
}
