package phoenix.api.groups;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Puts the child into the group, taking it out of the one it was in. */
public record AssignStudentToGroup(@TargetAggregateIdentifier UUID studentId, UUID groupId) {
}
