package phoenix.api.activities;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record ChangeActivityDetails(@TargetAggregateIdentifier UUID activityId, ActivityDetails details) {
}
