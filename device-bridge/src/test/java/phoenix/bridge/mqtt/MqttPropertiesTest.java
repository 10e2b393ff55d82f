package phoenix.bridge.mqtt;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttPropertiesTest {

    @Test
    void defaultsReachTheLocalBrokerUnderAStableClientId() {
        MqttProperties properties = bindEnvironment(Map.of());

        assertThat(properties.brokerUrl()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(properties.clientId()).isEqualTo("phoenix-bridge");
        assertThat(properties.username()).isNull();
        assertThat(properties.password()).isNull();
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.keepAlive()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void environmentVariablesOverrideTheDefaults() {
        MqttProperties properties = bindEnvironment(Map.of(
                "PHOENIX_MQTT_BROKER_URL", "ssl://broker.school.example:8883",
                "PHOENIX_MQTT_CLIENT_ID", "phoenix-bridge-2",
                "PHOENIX_MQTT_USERNAME", "bridge",
                "PHOENIX_MQTT_PASSWORD", "s3cret-pw",
                "PHOENIX_MQTT_KEEP_ALIVE", "60s"));

        assertThat(properties.brokerUrl()).isEqualTo("ssl://broker.school.example:8883");
        assertThat(properties.clientId()).isEqualTo("phoenix-bridge-2");
        assertThat(properties.username()).isEqualTo("bridge");
        assertThat(properties.password()).isEqualTo("s3cret-pw");
        assertThat(properties.keepAlive()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void passwordNeverShowsInToString() {
        MqttProperties properties = bindEnvironment(Map.of(
                "PHOENIX_MQTT_USERNAME", "bridge", "PHOENIX_MQTT_PASSWORD", "s3cret-pw"));

        assertThat(properties.toString()).contains("bridge").doesNotContain("s3cret-pw");
    }

    @Test
    void subSecondTimeoutsAreRefusedBecausePahoWouldReadThemAsNoLimit() {
        assertThatThrownBy(() -> bindEnvironment(Map.of("PHOENIX_MQTT_CONNECT_TIMEOUT", "500ms")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    private static MqttProperties bindEnvironment(Map<String, Object> variables) {
        Binder binder = new Binder(ConfigurationPropertySources.from(
                new SystemEnvironmentPropertySource("environment", variables)));
        return binder.bindOrCreate("phoenix.mqtt", MqttProperties.class);
    }
}
