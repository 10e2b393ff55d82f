package phoenix.command.sessions;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.sessions.EndSession;
import phoenix.api.sessions.ReplaceSupervisors;
import phoenix.api.sessions.SessionEndReason;
import phoenix.api.sessions.StartSession;
import phoenix.command.dispatch.Commands;
import phoenix.platform.security.DeviceEndpoint;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** A reader runs at most one session: staff start it on the reader, change its supervisors, end it. */
@RestController
@RequestMapping("/api/iot")
@DeviceEndpoint
@Tag(name = "Device API")
class DeviceSessionController {

    private final Commands commands;
    private final RunningSessions running;
    private final Repository<Session> sessions;
    private final Clock clock;

    DeviceSessionController(Commands commands, RunningSessions running, Repository<Session> sessions, Clock clock) {
        this.commands = commands;
        this.running = running;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** {@code roomId} null: the activity's planned room. {@code force}: replace what conflicts. */
    record StartRequest(@NotNull UUID activityId, UUID roomId, @NotNull List<@NotNull UUID> supervisorIds,
                        boolean force) {
    }

    record SupervisorsRequest(@NotNull List<@NotNull UUID> supervisorIds) {
    }

    record Pong(String deviceId, Instant serverTime, UUID sessionId) {
    }

    @PostMapping("/session/start")
    ResponseEntity<SessionView> start(@Valid @RequestBody StartRequest request, Authentication device) {
        UUID sessionId = UUID.randomUUID();
        // the same supervisor twice is the same supervisor
        var sent = commands.send(new StartSession(sessionId, device.getName(), request.activityId(),
                request.roomId(), new LinkedHashSet<>(request.supervisorIds()), request.force()));
        return sent.created(URI.create("/api/iot/session/current"), view(sessionId));
    }

    /** Ends the reader's session: its children are in transit. Without a running session: 404. */
    @PostMapping("/session/end")
    ResponseEntity<SessionView> end(Authentication device) {
        UUID sessionId = current(device);
        SessionView ended = view(sessionId);
        return commands.send(new EndSession(sessionId, SessionEndReason.ENDED, null)).ok(ended);
    }

    @GetMapping("/session/current")
    SessionView currentSession(Authentication device) {
        return view(current(device));
    }

    /** Replaces the set of supervisors (at least one). */
    @PutMapping("/session/supervisors")
    ResponseEntity<SessionView> supervisors(@Valid @RequestBody SupervisorsRequest request, Authentication device) {
        UUID sessionId = current(device);
        var sent = commands.send(new ReplaceSupervisors(sessionId, new LinkedHashSet<>(request.supervisorIds())));
        return sent.ok(view(sessionId));
    }

    /** The reader is alive (and so is its session: a ping keeps it from timing out). */
    @PostMapping("/ping")
    Pong ping(Authentication device) {
        Instant now = clock.instant();
        UUID sessionId = running.ofDevice(device.getName()).map(RunningSessions.Running::sessionId).orElse(null);
        if (sessionId != null) {
            running.touch(sessionId, now);
        }
        return new Pong(device.getName(), now, sessionId);
    }

    private UUID current(Authentication device) {
        return running.ofDevice(device.getName()).map(RunningSessions.Running::sessionId)
                .orElseThrow(() -> new PhoenixException(ErrorCode.NO_ACTIVE_SESSION,
                        "Auf diesem Leser läuft keine Aktivität."));
    }

    /** Reads the session's state in a unit of work of its own, which changes nothing. */
    private SessionView view(UUID sessionId) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            return sessions.load(sessionId.toString()).invoke(session -> SessionView.of(sessionId, session));
        } finally {
            unitOfWork.rollback();
        }
    }
}
