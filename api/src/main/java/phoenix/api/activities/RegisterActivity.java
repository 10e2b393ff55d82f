package phoenix.api.activities;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record RegisterActivity(@TargetAggregateIdentifier UUID activityId, ActivityDetails details) {
}
