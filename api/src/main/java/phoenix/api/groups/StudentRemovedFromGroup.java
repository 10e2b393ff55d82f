package phoenix.api.groups;

import phoenix.api.DataSubject;

import java.util.UUID;

public record StudentRemovedFromGroup(@DataSubject UUID studentId, UUID groupId, Reason reason) {

    public enum Reason {
        /** Staff took the child out of the group. */
        REMOVED,
        /** The group was deleted. */
        GROUP_DELETED
    }
}
