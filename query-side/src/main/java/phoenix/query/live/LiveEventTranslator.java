package phoenix.query.live;

import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.checkin.StudentCheckedIn;
import phoenix.api.checkin.StudentCheckedOut;
import phoenix.api.checkin.VisitCause;
import phoenix.api.sessions.SessionEnded;
import phoenix.api.sessions.SessionStarted;
import phoenix.query.position.ProjectionPositions;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which events of the store the live stream tells, under which name and with which data: check-ins (a transfer's
 * second half as {@code transfer}), check-outs (not a transfer's first half: the transfer tells it), sessions
 * starting and ending. Child events carry the child's name and group from the users projection; it is awaited
 * (briefly) up to the event, so that a child registered just before its first check-in has its name.
 */
@Component
class LiveEventTranslator {

    private static final Logger log = LoggerFactory.getLogger(LiveEventTranslator.class);
    private static final Duration USERS_WAIT = Duration.ofSeconds(1);
    private static final Duration USERS_WAIT_PAUSE = Duration.ofSeconds(10);
    private static final int SESSIONS_REMEMBERED = 1000;

    private record Child(String firstName, String lastName, UUID groupId) {
        static final Child UNKNOWN = new Child(null, null, null);
    }

    private record SessionPlace(UUID roomId, String roomName, String activityName) {
        static final SessionPlace UNKNOWN = new SessionPlace(null, null, null);
    }

    private final JdbcClient jdbc;
    private final ProjectionPositions positions;
    /** Where recent sessions run, for their end: the active projection may not have their start yet. */
    private final Map<UUID, SessionPlace> sessions = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, SessionPlace> eldest) {
                    return size() > SESSIONS_REMEMBERED;
                }
            });
    private volatile long noUsersWaitUntil;

    LiveEventTranslator(JdbcClient jdbc, ProjectionPositions positions) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.noUsersWaitUntil = System.nanoTime();
    }

    /** Empty for the events the stream does not tell. Looks payloads up by type first: others stay serialised. */
    Optional<LiveEvent> translate(EventMessage<?> message, long position) {
        Class<?> type = message.getPayloadType();
        if (type == StudentCheckedIn.class) {
            return Optional.of(checkedIn((StudentCheckedIn) message.getPayload(), position));
        }
        if (type == StudentCheckedOut.class) {
            return checkedOut((StudentCheckedOut) message.getPayload(), position);
        }
        if (type == SessionStarted.class) {
            return Optional.of(started((SessionStarted) message.getPayload(), position));
        }
        if (type == SessionEnded.class) {
            return Optional.of(ended((SessionEnded) message.getPayload(), position));
        }
        return Optional.empty();
    }

    private LiveEvent checkedIn(StudentCheckedIn event, long position) {
        boolean transfer = event.cause() == VisitCause.TRANSFERRED;
        Map<String, Object> data = visit(transfer ? LiveEvent.TRANSFER : LiveEvent.CHECK_IN, position,
                event.checkedInAt(), event.sessionId(), event.roomId(), event.studentId(), event.cause());
        if (transfer) {
            data.put("fromSessionId", event.fromSessionId());
        }
        return child(data, event.studentId(), position);
    }

    private Optional<LiveEvent> checkedOut(StudentCheckedOut event, long position) {
        if (event.cause() == VisitCause.TRANSFERRED) {
            return Optional.empty();
        }
        return Optional.of(child(visit(LiveEvent.CHECK_OUT, position, event.checkedOutAt(), event.sessionId(),
                event.roomId(), event.studentId(), event.cause()), event.studentId(), position));
    }

    private LiveEvent started(SessionStarted event, long position) {
        SessionPlace place = new SessionPlace(event.roomId(), event.roomName(), event.activityName());
        sessions.put(event.sessionId(), place);
        return session(LiveEvent.SESSION_STARTED, position, event.startedAt(), event.sessionId(), place, null);
    }

    private LiveEvent ended(SessionEnded event, long position) {
        SessionPlace place = Optional.ofNullable(sessions.get(event.sessionId()))
                .orElseGet(() -> jdbc.sql("SELECT room_id, room_name, activity_name FROM active.sessions WHERE id = ?")
                        .param(event.sessionId())
                        .query((rs, row) -> new SessionPlace(rs.getObject("room_id", UUID.class),
                                rs.getString("room_name"), rs.getString("activity_name")))
                        .optional().orElse(SessionPlace.UNKNOWN));
        return session(LiveEvent.SESSION_ENDED, position, event.endedAt(), event.sessionId(), place,
                event.reason().name());
    }

    private static Map<String, Object> visit(String name, long position, Instant at, UUID sessionId, UUID roomId,
                                             UUID studentId, VisitCause cause) {
        Map<String, Object> data = start(name, position, at, sessionId, roomId);
        data.put("studentId", studentId);
        data.put("cause", cause == null ? null : cause.name());
        return data;
    }

    private LiveEvent child(Map<String, Object> data, UUID studentId, long position) {
        Child child = child(studentId, position);
        data.put("firstName", child.firstName());
        data.put("lastName", child.lastName());
        data.put("groupId", child.groupId());
        return new LiveEvent(position, (String) data.get("type"), studentId, child.groupId(), withoutNulls(data));
    }

    private static LiveEvent session(String name, long position, Instant at, UUID sessionId, SessionPlace place,
                                     String cause) {
        Map<String, Object> data = start(name, position, at, sessionId, place.roomId());
        data.put("roomName", place.roomName());
        data.put("activityName", place.activityName());
        data.put("cause", cause);
        return new LiveEvent(position, name, null, null, withoutNulls(data));
    }

    private static Map<String, Object> start(String name, long position, Instant at, UUID sessionId, UUID roomId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", name);
        data.put("position", position);
        data.put("at", at);
        data.put("sessionId", sessionId);
        data.put("roomId", roomId);
        return data;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> data) {
        data.values().removeIf(java.util.Objects::isNull);
        return Collections.unmodifiableMap(data);
    }

    private Child child(UUID studentId, long position) {
        awaitUsersProjection(position);
        return jdbc.sql("""
                        SELECT p.first_name, p.last_name, s.group_id FROM users.persons p
                          LEFT JOIN users.students s ON s.person_id = p.id
                         WHERE p.id = ?
                        """)
                .param(studentId)
                .query((rs, row) -> new Child(rs.getString("first_name"), rs.getString("last_name"),
                        rs.getObject("group_id", UUID.class)))
                .optional().orElse(Child.UNKNOWN);
    }

    /**
     * Until the users projection has handled the event (so everything before it): normally a few milliseconds.
     * When it lags by more than a second, its current rows are used, and the next events do not wait for a while.
     */
    private void awaitUsersProjection(long position) {
        long now = System.nanoTime();
        if (now - noUsersWaitUntil < 0) {
            return;
        }
        long deadline = now + USERS_WAIT.toNanos();
        try {
            while (!positions.reached(List.of("users"), position)) {
                if (System.nanoTime() - deadline > 0) {
                    log.warn("The users projection is behind position {}: live events use the names it has now",
                            position);
                    noUsersWaitUntil = System.nanoTime() + USERS_WAIT_PAUSE.toNanos();
                    return;
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
