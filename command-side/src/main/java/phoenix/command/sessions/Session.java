package phoenix.command.sessions;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.checkin.StudentCheckedIn;
import phoenix.api.checkin.StudentCheckedOut;
import phoenix.api.checkin.VisitCause;
import phoenix.api.sessions.ClaimSession;
import phoenix.api.sessions.EndSession;
import phoenix.api.sessions.ReplaceSupervisors;
import phoenix.api.sessions.SessionEndReason;
import phoenix.api.sessions.SessionEnded;
import phoenix.api.sessions.SessionStarted;
import phoenix.api.sessions.SupervisorJoined;
import phoenix.api.sessions.SupervisorsReplaced;
import phoenix.command.people.StaffDirectory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An activity running in a room, and the children in it (its open visits). It guards the room's capacity and the
 * activity's maximum of participants: every check-in goes through the session, so even racing taps cannot overfill
 * it (the session is loaded under a lock, and the event store's sequence numbers catch other nodes).
 */
@Aggregate(snapshotTriggerDefinition = "sessionSnapshots")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Session {

    @AggregateIdentifier
    private UUID sessionId;
    private String activityName;
    private UUID roomId;
    private String roomName;
    private int roomCapacity;
    private int maxParticipants;
    private String deviceId;
    private final Set<UUID> supervisors = new HashSet<>();
    private final Map<UUID, UUID> visits = new LinkedHashMap<>(); // student -> visit
    private boolean ended;

    protected Session() {
        // for Axon
    }

    /** Started by {@link SessionStarts}, which first settles what the new session replaces. */
    Session(SessionStarted started) {
        apply(started);
    }

    @CommandHandler
    void handle(EndSession command, Clock clock) {
        requireRunning();
        end(command.reason(), command.endedAt() != null ? command.endedAt() : clock.instant(), null, false);
    }

    @CommandHandler
    void handle(ReplaceSupervisors command, StaffDirectory staff) {
        requireRunning();
        if (command.supervisorIds().isEmpty()) {
            throw new PhoenixException(ErrorCode.VALIDATION_FAILED, "A session needs at least one supervisor.");
        }
        command.supervisorIds().forEach(staff::requireStaff);
        if (!command.supervisorIds().equals(supervisors)) {
            apply(new SupervisorsReplaced(sessionId, Set.copyOf(command.supervisorIds())));
        }
    }

    @CommandHandler
    void handle(ClaimSession command) {
        requireRunning();
        if (!supervisors.isEmpty()) {
            throw new PhoenixException(ErrorCode.SESSION_SUPERVISED, "This session has a supervisor already.");
        }
        apply(new SupervisorJoined(sessionId, command.staffId(), SupervisorJoined.How.CLAIMED));
    }

    /**
     * Ends every open visit, then the session. {@code visitsMove}: the children stay in the room, in the session
     * {@code replacedBy}; otherwise they are in transit.
     */
    void end(SessionEndReason reason, Instant at, UUID replacedBy, boolean visitsMove) {
        if (ended) {
            return; // ended meanwhile (a sweep, the reader): what stood in the way is gone
        }
        for (Entry<UUID, UUID> visit : new LinkedHashMap<>(visits).entrySet()) {
            apply(new StudentCheckedOut(sessionId, visit.getKey(), visit.getValue(), roomId, at,
                    visitsMove ? VisitCause.SESSION_REPLACED : VisitCause.SESSION_ENDED,
                    visitsMove ? replacedBy : null));
        }
        apply(new SessionEnded(sessionId, reason, at, replacedBy));
    }

    /**
     * A child comes in: refused when the room or the activity is full (nothing changes then).
     * {@code cause} SESSION_REPLACED admits the children already in the room regardless: nobody is sent out.
     */
    public void checkIn(UUID studentId, Instant at, VisitCause cause, UUID fromSessionId) {
        requireRunning();
        if (visits.containsKey(studentId)) {
            throw new PhoenixException(ErrorCode.ALREADY_PRESENT, "The child is in this session already.");
        }
        if (cause != VisitCause.SESSION_REPLACED) {
            requireRoomForOneMore();
        }
        apply(new StudentCheckedIn(sessionId, studentId, UUID.randomUUID(), roomId, at, cause, fromSessionId));
    }

    /** The capacity rules, for a caller that must know before it changes anything else. */
    public void requireRoomForOneMore() {
        if (visits.size() >= roomCapacity) {
            throw new PhoenixException(ErrorCode.ROOM_CAPACITY_EXCEEDED, roomName + " is full.",
                    Map.of("roomName", roomName, "current", visits.size(), "capacity", roomCapacity));
        }
        if (visits.size() >= maxParticipants) {
            throw new PhoenixException(ErrorCode.ACTIVITY_CAPACITY_EXCEEDED, activityName + " is full.",
                    Map.of("activityName", activityName, "current", visits.size(), "capacity", maxParticipants));
        }
    }

    public void checkOut(UUID studentId, Instant at, VisitCause cause, UUID toSessionId) {
        UUID visit = visits.get(studentId);
        if (visit != null) {
            apply(new StudentCheckedOut(sessionId, studentId, visit, roomId, at, cause, toSessionId));
        }
    }

    /** A staff member tapped the reader: supervises from now on (once). */
    public void supervisorTapped(UUID staffId) {
        requireRunning();
        if (!supervisors.contains(staffId)) {
            apply(new SupervisorJoined(sessionId, staffId, SupervisorJoined.How.TAPPED));
        }
    }

    public boolean isRunning() {
        return !ended;
    }

    public boolean isSupervisedBy(UUID staffId) {
        return supervisors.contains(staffId);
    }

    public Set<UUID> students() {
        return Set.copyOf(visits.keySet());
    }

    public UUID roomId() {
        return roomId;
    }

    public String roomName() {
        return roomName;
    }

    public String activityName() {
        return activityName;
    }

    public String deviceId() {
        return deviceId;
    }

    public Set<UUID> supervisors() {
        return Set.copyOf(supervisors);
    }

    public int activeStudents() {
        return visits.size();
    }

    private void requireRunning() {
        if (ended) {
            throw new PhoenixException(ErrorCode.SESSION_ENDED, "This session has ended.");
        }
    }

    @EventSourcingHandler
    void on(SessionStarted event) {
        sessionId = event.sessionId();
        activityName = event.activityName();
        roomId = event.roomId();
        roomName = event.roomName();
        roomCapacity = event.roomCapacity();
        maxParticipants = event.maxParticipants();
        deviceId = event.deviceId();
        supervisors.addAll(event.supervisorIds());
    }

    @EventSourcingHandler
    void on(SupervisorsReplaced event) {
        supervisors.clear();
        supervisors.addAll(event.supervisorIds());
    }

    @EventSourcingHandler
    void on(SupervisorJoined event) {
        supervisors.add(event.staffId());
    }

    @EventSourcingHandler
    void on(StudentCheckedIn event) {
        visits.put(event.studentId(), event.visitId());
    }

    @EventSourcingHandler
    void on(StudentCheckedOut event) {
        visits.remove(event.studentId());
    }

    @EventSourcingHandler
    void on(SessionEnded event) {
        ended = true;
        supervisors.clear();
    }
}
