package phoenix.command.sessions;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.LocalTime;

/**
 * @param timeout       a session nobody tapped on and whose reader did not ping for this long ends (TIMEOUT)
 * @param dailyEndTime  at this Berlin time every running session ends (END_OF_DAY)
 * @param schoolyardRoom the room (by name) that gets a session without reader and supervisors on its first tap,
 *                       when none runs there
 * @param snapshotEvery  a session is loaded from a snapshot taken every this many events
 * @param sweepInterval how often each command-side instance looks for sessions and attendance to end
 */
@ConfigurationProperties("phoenix.sessions")
public record SessionProperties(@DefaultValue("30m") Duration timeout,
                                @DefaultValue("18:00") LocalTime dailyEndTime,
                                @DefaultValue("Schulhof") String schoolyardRoom,
                                @DefaultValue("50") int snapshotEvery,
                                @DefaultValue("30s") Duration sweepInterval) {
}
