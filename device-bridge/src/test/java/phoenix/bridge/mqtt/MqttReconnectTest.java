package phoenix.bridge.mqtt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The bridge against a broker of the test's own, which the test crashes and restarts. */
@SpringBootTest(properties = "phoenix.mqtt.client-id=phoenix-bridge-test-reconnect")
@DirtiesContext // its broker is gone after the class: stop its reconnect attempts
class MqttReconnectTest {

    static final Mosquitto broker = new Mosquitto();

    @DynamicPropertySource
    static void ownBroker(DynamicPropertyRegistry registry) {
        registry.add("phoenix.mqtt.broker-url", broker::url);
    }

    @BeforeAll
    static void startBroker() {
        broker.start();
    }

    @AfterAll
    static void removeBroker() {
        broker.close();
    }

    @Autowired
    MqttHealthIndicator mqttHealth;

    @Test
    void reconnectsWhenTheBrokerComesBack() {
        awaitMqtt(Status.UP);

        broker.kill();
        awaitMqtt(Status.DOWN);

        broker.start();
        awaitMqtt(Status.UP);
        assertThat(broker.log()).contains("as phoenix-bridge-test-reconnect (p2, c0");
    }

    @Test
    void connectsWithAPersistentSessionAndTheConfiguredKeepAlive() {
        awaitMqtt(Status.UP);

        // Mosquitto logs "as <client id> (p<protocol>, c<clean session>, k<keep-alive>)" for each new client
        assertThat(broker.log()).contains("as phoenix-bridge-test-reconnect (p2, c0, k30)");
    }

    private void awaitMqtt(Status status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mqttHealth.health().getStatus(), equalTo(status));
    }
}
