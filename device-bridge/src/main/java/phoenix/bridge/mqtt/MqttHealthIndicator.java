package phoenix.bridge.mqtt;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code mqtt} component of {@code /actuator/health}: UP while the bridge is connected to the broker and its
 * subscriptions are confirmed, else DOWN, so that the bridge's health says whether taps reach it at all.
 */
@Component
class MqttHealthIndicator implements HealthIndicator {

    private final MqttConnection connection;

    MqttHealthIndicator(MqttConnection connection) {
        this.connection = connection;
    }

    @Override
    public Health health() {
        Health.Builder health = connection.isSubscribed() ? Health.up() : Health.down();
        return health.withDetail("broker", connection.brokerUrl())
                .withDetail("connected", connection.isConnected())
                .withDetail("subscribed", connection.isSubscribed())
                .build();
    }
}
