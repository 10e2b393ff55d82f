package phoenix.api.groups;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record RemoveStudentFromGroup(@TargetAggregateIdentifier UUID studentId) {
}
