package phoenix.api.groups;

import phoenix.api.DataSubject;

import java.util.UUID;

/** {@code previousGroupId}: the group the child left for this one, if any. */
public record StudentAssignedToGroup(@DataSubject UUID studentId, UUID groupId, UUID previousGroupId) {
}
