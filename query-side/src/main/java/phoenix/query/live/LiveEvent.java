package phoenix.query.live;

import java.util.Map;
import java.util.UUID;

/**
 * One event of the live stream: its global position (the SSE id), its name (the SSE event type) and its JSON data.
 * {@code studentId} and {@code groupId} say who may see it: null for session events, which every viewer sees.
 */
record LiveEvent(long position, String name, UUID studentId, UUID groupId, Map<String, Object> data) {

    static final String CHECK_IN = "check-in";
    static final String CHECK_OUT = "check-out";
    static final String TRANSFER = "transfer";
    static final String SESSION_STARTED = "session-started";
    static final String SESSION_ENDED = "session-ended";

    boolean aboutAChild() {
        return studentId != null;
    }
}
