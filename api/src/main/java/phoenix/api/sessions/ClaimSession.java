package phoenix.api.sessions;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** A staff member supervises a session that has nobody supervising it (the schoolyard's). */
public record ClaimSession(@TargetAggregateIdentifier UUID sessionId, UUID staffId) {
}
