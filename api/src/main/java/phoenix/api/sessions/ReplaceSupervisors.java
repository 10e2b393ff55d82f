package phoenix.api.sessions;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;
import java.util.UUID;

public record ReplaceSupervisors(@TargetAggregateIdentifier UUID sessionId, Set<UUID> supervisorIds) {
}
