package phoenix.api.groups;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;
import java.util.UUID;

/** Renames the group, moves its home room and sets its leaders, as far as they differ from now. */
public record ChangeGroup(@TargetAggregateIdentifier UUID groupId, String name, UUID homeRoomId, Set<UUID> teacherIds) {
}
