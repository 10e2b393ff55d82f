package phoenix.api.sessions;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/** Ends the session and all its open visits: the children are in transit. {@code endedAt} null means now. */
public record EndSession(@TargetAggregateIdentifier UUID sessionId, SessionEndReason reason, Instant endedAt) {
}
