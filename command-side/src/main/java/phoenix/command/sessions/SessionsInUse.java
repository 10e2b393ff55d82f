package phoenix.command.sessions;

import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.rooms.RoomDetails;
import phoenix.api.sessions.SessionStarted;
import phoenix.command.dispatch.Aggregates;
import phoenix.command.rooms.Room;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/** The sessions a tap or a staff check-in works with, loaded in one order so that two of them never wait on each other. */
@Component
public class SessionsInUse {

    private final Repository<Session> sessions;
    private final Repository<Room> rooms;
    private final RunningSessions running;
    private final SessionProperties properties;

    SessionsInUse(Repository<Session> sessions, Repository<Room> rooms, RunningSessions running,
                  SessionProperties properties) {
        this.sessions = sessions;
        this.rooms = rooms;
        this.running = running;
        this.properties = properties;
    }

    public Aggregate<Session> load(UUID sessionId) {
        return Aggregates.load(sessions, sessionId, ErrorCode.SESSION_NOT_FOUND);
    }

    /** Both sessions, locked in id order (a transfer A→B racing one B→A must not deadlock). */
    public Map<UUID, Aggregate<Session>> loadInOrder(UUID first, UUID second) {
        Map<UUID, Aggregate<Session>> loaded = new LinkedHashMap<>();
        Stream.of(first, second).sorted().forEach(id -> loaded.put(id, load(id)));
        return loaded;
    }

    /**
     * The session running in the room. The schoolyard gets one, without reader and supervisors, on its first tap;
     * any other room without a session refuses the tap.
     */
    public UUID runningIn(UUID roomId, Instant now) {
        return running.inRoom(roomId).map(RunningSessions.Running::sessionId).orElseGet(() -> {
            RoomDetails room = Aggregates.load(rooms, roomId, ErrorCode.ROOM_NOT_FOUND).invoke(Room::details);
            if (!room.name().equalsIgnoreCase(properties.schoolyardRoom())) {
                throw new PhoenixException(ErrorCode.NO_ACTIVE_SESSION, "In " + room.name() + " läuft gerade nichts.",
                        Map.of("roomName", room.name()));
            }
            UUID sessionId = UUID.randomUUID();
            SessionStarted started = new SessionStarted(sessionId, null, room.name(), roomId, room.name(),
                    room.capacity(), room.capacity(), null, Set.of(), now);
            Aggregates.create(sessions, () -> new Session(started));
            return sessionId;
        });
    }
}
