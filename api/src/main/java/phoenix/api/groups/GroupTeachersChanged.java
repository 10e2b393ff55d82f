package phoenix.api.groups;

import java.util.Set;
import java.util.UUID;

/** The group's leaders are now exactly {@code teacherIds}. */
public record GroupTeachersChanged(UUID groupId, Set<UUID> teacherIds) {
}
