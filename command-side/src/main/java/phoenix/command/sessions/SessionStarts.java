package phoenix.command.sessions;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.activities.ActivityDetails;
import phoenix.api.checkin.VisitCause;
import phoenix.api.rooms.RoomDetails;
import phoenix.api.sessions.SessionEndReason;
import phoenix.api.sessions.SessionStarted;
import phoenix.api.sessions.StartSession;
import phoenix.command.activities.Activity;
import phoenix.command.dispatch.Aggregates;
import phoenix.command.people.StaffDirectory;
import phoenix.command.rooms.Room;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Starting a session on a reader. Without {@code force}, anything running on the device, for the activity or in the
 * room is a conflict the staff see (and may override). With it, those sessions end first and the children in the
 * room move into the new session in the same unit of work: nobody is checked out.
 */
@Component
class SessionStarts {

    private final Repository<Session> sessions;
    private final Repository<Activity> activities;
    private final Repository<Room> rooms;
    private final RunningSessions running;
    private final StaffDirectory staff;
    private final Clock clock;

    SessionStarts(Repository<Session> sessions, Repository<Activity> activities, Repository<Room> rooms,
                  RunningSessions running, StaffDirectory staff, Clock clock) {
        this.sessions = sessions;
        this.activities = activities;
        this.rooms = rooms;
        this.running = running;
        this.staff = staff;
        this.clock = clock;
    }

    @CommandHandler
    UUID handle(StartSession command) {
        if (command.supervisorIds() == null || command.supervisorIds().isEmpty()) {
            throw new PhoenixException(ErrorCode.VALIDATION_FAILED, "A session needs at least one supervisor.");
        }
        command.supervisorIds().forEach(staff::requireStaff);
        ActivityDetails activity = Aggregates.load(activities, command.activityId(), ErrorCode.ACTIVITY_NOT_FOUND)
                .invoke(Activity::details);
        UUID roomId = Optional.ofNullable(command.roomId()).or(() -> Optional.ofNullable(activity.plannedRoomId()))
                .orElseThrow(() -> new PhoenixException(ErrorCode.ROOM_REQUIRED,
                        "Name the room: this activity has no planned room."));
        RoomDetails room = Aggregates.load(rooms, roomId, ErrorCode.ROOM_NOT_FOUND).invoke(Room::details);

        Map<UUID, String> conflicts = conflicts(command.deviceId(), command.activityId(), roomId);
        if (!conflicts.isEmpty() && !command.force()) {
            throw conflict(conflicts);
        }
        Instant now = clock.instant();
        List<UUID> replaced = conflicts.keySet().stream().sorted(Comparator.naturalOrder()).toList();
        Map<UUID, UUID> cameFrom = new LinkedHashMap<>();
        for (UUID sessionId : replaced) {
            Aggregate<Session> old = sessions.load(sessionId.toString());
            boolean sameRoom = old.invoke(Session::roomId).equals(roomId);
            if (sameRoom) {
                old.invoke(Session::students).forEach(student -> cameFrom.put(student, sessionId));
            }
            old.execute(session -> session.end(SessionEndReason.REPLACED, now, command.sessionId(), sameRoom));
        }
        Aggregate<Session> session = newSession(command, activity, roomId, room, now);
        // the children in the room stay, now in the new session
        cameFrom.forEach((student, from) ->
                session.execute(it -> it.checkIn(student, now, VisitCause.SESSION_REPLACED, from)));
        return command.sessionId();
    }

    private Aggregate<Session> newSession(StartSession command, ActivityDetails activity, UUID roomId,
                                          RoomDetails room, Instant now) {
        SessionStarted started = new SessionStarted(command.sessionId(), command.activityId(), activity.name(),
                roomId, room.name(), room.capacity(), activity.maxParticipants(), command.deviceId(),
                Set.copyOf(command.supervisorIds()), now);
        return Aggregates.create(sessions, () -> new Session(started));
    }

    /** What stands in the way, by session: "device", "activity", "room". */
    private Map<UUID, String> conflicts(String deviceId, UUID activityId, UUID roomId) {
        Map<UUID, String> conflicts = new LinkedHashMap<>();
        running.ofDevice(deviceId).ifPresent(s -> conflicts.merge(s.sessionId(), "device", (a, b) -> a + "," + b));
        running.ofActivity(activityId).ifPresent(s -> conflicts.merge(s.sessionId(), "activity", (a, b) -> a + "," + b));
        running.inRoom(roomId).ifPresent(s -> conflicts.merge(s.sessionId(), "room", (a, b) -> a + "," + b));
        return conflicts;
    }

    private PhoenixException conflict(Map<UUID, String> conflicts) {
        List<Map<String, Object>> details = new ArrayList<>();
        conflicts.forEach((sessionId, what) -> {
            Aggregate<Session> session = sessions.load(sessionId.toString());
            details.add(Map.of("sessionId", sessionId, "conflict", what,
                    "roomName", session.invoke(Session::roomName),
                    "activityName", session.invoke(Session::activityName)));
        });
        return new PhoenixException(ErrorCode.SESSION_CONFLICT,
                "Something already runs here: end it first, or start with force to replace it.",
                Map.of("conflicts", details, "canOverride", true));
    }
}
