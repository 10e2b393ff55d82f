package phoenix.command.sessions;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.sessions.EndSession;
import phoenix.api.sessions.SessionEndReason;
import phoenix.api.time.SchoolCalendar;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * Ends sessions nobody used for the inactivity timeout, and every session at the daily end time. Its deadlines are
 * computed from the database and the clock at each sweep, so they survive restarts (a session overdue after a
 * restart ends as of its deadline) and fire once with several instances: a session ends once, the second
 * EndSession finds it ended.
 */
@Component
public class SessionSweeper {

    private static final Logger log = LoggerFactory.getLogger(SessionSweeper.class);

    private final RunningSessions running;
    private final CommandGateway commands;
    private final SessionProperties properties;
    private final Clock clock;

    SessionSweeper(RunningSessions running, CommandGateway commands, SessionProperties properties, Clock clock) {
        this.running = running;
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${phoenix.sessions.sweep-interval:30s}",
            initialDelayString = "${phoenix.sessions.sweep-interval:30s}")
    public void sweep() {
        Instant now = clock.instant();
        for (RunningSessions.Running session : running.all()) {
            Instant idle = session.lastActivityAt().plus(properties.timeout());
            Instant endOfDay = endOfDay(session.startedAt());
            if (!now.isBefore(endOfDay) && !endOfDay.isAfter(idle)) {
                end(session, SessionEndReason.END_OF_DAY, endOfDay);
            } else if (!now.isBefore(idle)) {
                end(session, SessionEndReason.TIMEOUT, idle);
            }
        }
    }

    /** The daily end time of the session's day; for a session started after it, midnight. */
    private Instant endOfDay(Instant startedAt) {
        LocalDate day = SchoolCalendar.dateOf(startedAt);
        ZonedDateTime end = day.atTime(properties.dailyEndTime()).atZone(SchoolCalendar.ZONE);
        return startedAt.isBefore(end.toInstant()) ? end.toInstant()
                : day.plusDays(1).atStartOfDay(SchoolCalendar.ZONE).toInstant();
    }

    private void end(RunningSessions.Running session, SessionEndReason reason, Instant at) {
        try {
            commands.sendAndWait(new EndSession(session.sessionId(), reason, at));
            log.info("Session {} ended: {}", session.sessionId(), reason);
        } catch (PhoenixException e) {
            if (e.code() != ErrorCode.SESSION_ENDED) {
                log.warn("Could not end session {}: {}", session.sessionId(), e.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("Could not end session {}; next sweep tries again", session.sessionId(), e);
        }
    }
}
