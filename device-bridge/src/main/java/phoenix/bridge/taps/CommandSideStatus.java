package phoenix.bridge.taps;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the bridge last learnt about the command side's device API: it answers, it refuses the bridge's key, or it
 * cannot be reached. An installation fault is said once at ERROR when it appears and then at most once a minute,
 * not once per tap retried; taps wait unacknowledged meanwhile, so nothing is lost once it is fixed.
 */
@Component
class CommandSideStatus {

    enum State { UNKNOWN, ANSWERING, KEY_MISSING, KEY_REFUSED, UNREACHABLE }

    /** The state, since when, and why (a sentence an admin can act on). */
    record Snapshot(State state, Instant since, String reason) {
    }

    private static final Logger log = LoggerFactory.getLogger(CommandSideStatus.class);
    private static final Duration LOG_AGAIN_AFTER = Duration.ofMinutes(1);

    private final Clock clock;
    private final BridgeProperties properties;
    private volatile Snapshot current;
    private Instant loggedAt;
    private boolean loggedAsLong;

    CommandSideStatus(Clock clock, BridgeProperties properties) {
        this.clock = clock;
        this.properties = properties;
        current = properties.hasKey() ? new Snapshot(State.UNKNOWN, clock.instant(), "not asked yet")
                : new Snapshot(State.KEY_MISSING, clock.instant(), "phoenix.bridge.key is not set: the command "
                + "side refuses every tap; set it to the command side's phoenix.devices.bridge-key");
        if (!properties.hasKey()) {
            log.error(current.reason());
        }
    }

    Snapshot current() {
        return current;
    }

    /** Whether the command side has been unreachable for longer than it may be before health says DOWN. */
    boolean unreachableTooLong() {
        Snapshot now = current;
        return now.state() == State.UNREACHABLE
                && Duration.between(now.since(), clock.instant()).compareTo(properties.unreachableDownAfter()) > 0;
    }

    synchronized void answered() {
        if (current.state() != State.ANSWERING) {
            if (current.state() != State.UNKNOWN) {
                log.info("The command side at {} answers the bridge again (was: {})", properties.commandSideUrl(),
                        current.reason());
            }
            current = new Snapshot(State.ANSWERING, clock.instant(), "answers");
        }
    }

    synchronized void keyRefused() {
        enter(State.KEY_REFUSED, "phoenix.bridge.key is refused by the command side at "
                + properties.commandSideUrl() + " (HTTP 401): it must equal the command side's "
                + "phoenix.devices.bridge-key; taps wait unacknowledged until it does");
    }

    synchronized void unreachable(String why) {
        enter(State.UNREACHABLE, "the command side at " + properties.commandSideUrl() + " does not answer ("
                + why + "); taps wait unacknowledged");
    }

    private void enter(State state, String reason) {
        Instant now = clock.instant();
        if (current.state() != state) {
            current = new Snapshot(state, now, reason);
            loggedAt = now;
            loggedAsLong = false;
            // a command side that restarts is unreachable for some seconds: an error only once it lasts
            if (state == State.UNREACHABLE) {
                log.warn(reason);
            } else {
                log.error(reason);
            }
            return;
        }
        current = new Snapshot(state, current.since(), reason);
        boolean becameLong = state == State.UNREACHABLE && !loggedAsLong && unreachableTooLong();
        if (becameLong || Duration.between(loggedAt, now).compareTo(LOG_AGAIN_AFTER) >= 0) {
            loggedAt = now;
            loggedAsLong |= becameLong;
            log.error("Still, since {}: {}", current.since(), reason);
        }
    }
}
