package phoenix.api.people;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record MarkStudentWell(@TargetAggregateIdentifier UUID studentId) {
}
