package phoenix.api.people;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record MarkStudentSick(@TargetAggregateIdentifier UUID studentId) {
}
