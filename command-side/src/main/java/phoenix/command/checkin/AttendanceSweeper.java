package phoenix.command.checkin;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import phoenix.api.checkin.CloseAttendance;
import phoenix.api.time.SchoolCalendar;

import java.time.Clock;
import java.time.Instant;

/**
 * After a Berlin day, closes the attendance still open from it (reason AUTO): nobody shows as present the next
 * morning. Also forgets tap answers older than they are needed. Safe with several instances (closing twice changes
 * nothing) and after restarts (it works from the database).
 */
@Component
public class AttendanceSweeper {

    private static final Logger log = LoggerFactory.getLogger(AttendanceSweeper.class);

    private final OpenAttendance openAttendance;
    private final ProcessedTaps processedTaps;
    private final CommandGateway commands;
    private final CheckInProperties properties;
    private final Clock clock;

    AttendanceSweeper(OpenAttendance openAttendance, ProcessedTaps processedTaps, CommandGateway commands,
                      CheckInProperties properties, Clock clock) {
        this.openAttendance = openAttendance;
        this.processedTaps = processedTaps;
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${phoenix.sessions.sweep-interval:30s}",
            initialDelayString = "${phoenix.sessions.sweep-interval:30s}")
    public void sweep() {
        Instant now = clock.instant();
        for (OpenAttendance.Open open : openAttendance.before(SchoolCalendar.today(clock))) {
            try {
                commands.sendAndWait(new CloseAttendance(open.studentId(), open.day()));
            } catch (RuntimeException e) {
                log.warn("Could not close attendance of {} on {}; next sweep tries again", open.studentId(),
                        open.day(), e);
            }
        }
        processedTaps.forgetBefore(now.minus(properties.tapAnswersKeptFor()));
    }
}
