package phoenix.api.groups;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;
import java.util.UUID;

/** An OGS group ("Sternengruppe"): a unique name, a home room, its leaders (staff with the teacher flag). */
public record CreateGroup(@TargetAggregateIdentifier UUID groupId, String name, UUID homeRoomId, Set<UUID> teacherIds) {
}
