package phoenix.bridge.leader;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import phoenix.bridge.mqtt.MqttConnection;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code mqtt} component of {@code /actuator/health}: UP while this instance carries the taps and the broker has
 * confirmed its subscriptions, or while it stands by for another instance that holds the lease; else DOWN, so that
 * health says whether taps reach a bridge at all.
 */
@Component("mqtt")
class LeadershipHealthIndicator implements HealthIndicator {

    private final Leadership leadership;
    private final MqttConnection connection;

    LeadershipHealthIndicator(Leadership leadership, MqttConnection connection) {
        this.leadership = leadership;
        this.connection = connection;
    }

    @Override
    public Health health() {
        Leadership.Role role = leadership.role();
        Health.Builder health;
        if (role == Leadership.Role.STANDBY) {
            Optional<String> leader = leadership.leader().filter(other -> !other.equals(leadership.instance()));
            health = leader.isPresent() ? Health.up().withDetail("leader", leader.get()) : Health.down();
        } else {
            health = role == Leadership.Role.LEADING && connection.isSubscribed() ? Health.up() : Health.down();
        }
        return health.withDetail("role", role.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .withDetail("instance", leadership.instance())
                .withDetail("broker", connection.brokerUrl())
                .withDetail("clientId", connection.clientId())
                .withDetail("connected", connection.isConnected())
                .withDetail("subscribed", connection.isSubscribed())
                .build();
    }
}
