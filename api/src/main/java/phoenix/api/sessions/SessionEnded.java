package phoenix.api.sessions;

import java.time.Instant;
import java.util.UUID;

/** Its open visits ended before it (each with its own event). {@code replacedBy}: the session forced in its place. */
public record SessionEnded(UUID sessionId, SessionEndReason reason, Instant endedAt, UUID replacedBy) {
}
