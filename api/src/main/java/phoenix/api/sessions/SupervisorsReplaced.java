package phoenix.api.sessions;

import phoenix.api.DataSubject;

import java.util.Set;
import java.util.UUID;

public record SupervisorsReplaced(UUID sessionId, @DataSubject Set<UUID> supervisorIds) {
}
