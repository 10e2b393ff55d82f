package phoenix.bridge.taps;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code commandSide} component of {@code /actuator/health}: DOWN while the device API refuses the bridge's key
 * (or it has none), or has not answered for longer than {@code phoenix.bridge.unreachable-down-after}. The reason
 * is the status' description, shown even where details are not.
 */
@Component("commandSide")
class CommandSideHealthIndicator implements HealthIndicator {

    private final CommandSideStatus status;

    CommandSideHealthIndicator(CommandSideStatus status) {
        this.status = status;
    }

    @Override
    public Health health() {
        CommandSideStatus.Snapshot now = status.current();
        boolean down = switch (now.state()) {
            case KEY_MISSING, KEY_REFUSED -> true;
            case UNREACHABLE -> status.unreachableTooLong();
            case UNKNOWN, ANSWERING -> false;
        };
        Health.Builder health = down ? Health.status(new Status(Status.DOWN.getCode(), now.reason())) : Health.up();
        if (!down && now.state() == CommandSideStatus.State.UNREACHABLE) {
            health.withDetail("degraded", now.reason());
        }
        return health.withDetail("state", now.state().name()).withDetail("since", now.since().toString()).build();
    }
}
