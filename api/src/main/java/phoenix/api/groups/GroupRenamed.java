package phoenix.api.groups;

import java.util.UUID;

public record GroupRenamed(UUID groupId, String name, String previousName) {
}
