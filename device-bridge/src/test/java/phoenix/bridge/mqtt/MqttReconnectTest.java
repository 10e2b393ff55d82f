package phoenix.bridge.mqtt;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import phoenix.bridge.Bridges;
import phoenix.bridge.taps.FakeDeviceApi;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The bridge against a broker of the test's own, which the test crashes and restarts; this broker keeps nothing, so
 * after a restart the bridge must subscribe again by itself.
 */
@SpringBootTest(properties = {
        "phoenix.mqtt.client-id=phoenix-bridge-test-reconnect",
        "phoenix.bridge.key=" + Bridges.KEY})
@DirtiesContext // its broker is gone after the class: stop its reconnect attempts
class MqttReconnectTest {

    static final Mosquitto broker = new Mosquitto();
    static final FakeDeviceApi deviceApi = new FakeDeviceApi();
    static final Set<String> answered = ConcurrentHashMap.newKeySet();

    @DynamicPropertySource
    static void ownBroker(DynamicPropertyRegistry registry) {
        registry.add("phoenix.mqtt.broker-url", broker::url);
        registry.add("phoenix.bridge.command-side-url", deviceApi::url);
    }

    @BeforeAll
    static void startBroker() {
        broker.start();
    }

    @AfterAll
    static void removeBroker() {
        deviceApi.close();
        broker.close();
    }

    @Autowired
    @Qualifier("mqtt")
    HealthIndicator mqttHealth;

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

    @Test
    void afterTheBrokerRestartsTheSubscriptionsAreRenewedAndTapsAnswered() throws Exception {
        awaitMqtt(Status.UP);
        broker.kill();
        broker.start();

        MqttClient reader = new MqttClient(broker.url(), "reconnect-test-reader", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        reader.connect(options);
        try {
            reader.subscribe("phoenix/devices/+/results", 1,
                    (topic, message) -> answered.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
            // the bridge reconnects on its own time; until it has, taps reach nobody, so they are sent again here
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                MqttMessage tap = new MqttMessage("{\"tapId\":\"after-restart\",\"tag\":\"AABBCCDD\"}".getBytes());
                tap.setQos(1);
                reader.publish("phoenix/devices/RFID-RESTART/taps", tap);
                return answered.stream().anyMatch(result -> result.contains("after-restart"));
            });
        } finally {
            reader.disconnect();
            reader.close();
        }
        assertThat(answered).anyMatch(result -> result.contains("\"action\":\"checked_in\""));
    }

    private void awaitMqtt(Status status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mqttHealth.health().getStatus(), equalTo(status));
    }
}
