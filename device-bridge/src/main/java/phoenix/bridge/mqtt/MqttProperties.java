package phoenix.bridge.mqtt;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the bridge reaches the readers' MQTT broker (env PHOENIX_MQTT_BROKER_URL, PHOENIX_MQTT_CLIENT_ID, ...).
 *
 * @param brokerUrl      the broker, {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId       the MQTT client id of the bridge, the same on every bridge instance: the broker keeps the
 *                       bridge's session (cleanSession=false) under it, and the instance that leads connects with it.
 *                       When it changes, the leading bridge drains the session of the old id and deletes it
 * @param username       broker login, none when not set
 * @param password       broker password, used only with a username
 * @param connectTimeout how long one connection attempt may take (whole seconds, at least 1)
 * @param keepAlive      the MQTT keep-alive interval: a dead connection is noticed after about 1.5 times this
 *                       (whole seconds, at least 1)
 */
@ConfigurationProperties("phoenix.mqtt")
public record MqttProperties(
        @DefaultValue("tcp://127.0.0.1:1883") String brokerUrl,
        @DefaultValue("phoenix-bridge") String clientId,
        String username,
        String password,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration keepAlive) {

    public MqttProperties {
        // Paho takes whole seconds, and reads 0 as "no limit" / "no keep-alive": refuse that rather than round to it
        if (connectTimeout.toSeconds() < 1 || keepAlive.toSeconds() < 1) {
            throw new IllegalArgumentException("phoenix.mqtt.connect-timeout and keep-alive must be at least 1s");
        }
    }

    @Override
    public String toString() {
        // no password in logs or failure analyses
        return "MqttProperties[brokerUrl=" + brokerUrl + ", clientId=" + clientId + ", username=" + username + "]";
    }
}
