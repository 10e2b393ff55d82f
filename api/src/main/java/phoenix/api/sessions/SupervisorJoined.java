package phoenix.api.sessions;

import phoenix.api.DataSubject;

import java.util.UUID;

/** A staff member supervises the session from now on: by tapping the reader, or by claiming it. */
public record SupervisorJoined(UUID sessionId, @DataSubject UUID staffId, How how) {

    public enum How { TAPPED, CLAIMED }
}
