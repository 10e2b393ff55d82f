package phoenix.bridge.taps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import phoenix.bridge.DeviceBridgeApplication;
import phoenix.bridge.mqtt.Mosquitto;
import phoenix.bridge.mqtt.MqttConnection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two bridges on one shared subscription share the taps: each tap reaches the device API once, through one of them;
 * and a broker that restarts (and forgets the subscriptions: this test broker keeps nothing) gets them renewed.
 */
@SpringBootTest(properties = {
        "phoenix.mqtt.client-id=phoenix-bridge-test-shared-1",
        "phoenix.mqtt.shared-group=test-bridges",
        "phoenix.bridge.key=bridge-test-key",
        "server.port=0"})
@DirtiesContext
class SharedLoadTest {

    static final Mosquitto broker = new Mosquitto();
    static final FakeDeviceApi deviceApi = new FakeDeviceApi();
    static final ObjectMapper json = new ObjectMapper();
    static final Map<String, JsonNode> results = new ConcurrentHashMap<>();
    static MqttClient reader;
    static ConfigurableApplicationContext secondBridge;

    @DynamicPropertySource
    static void ownBrokerAndDeviceApi(DynamicPropertyRegistry registry) {
        registry.add("phoenix.mqtt.broker-url", broker::url);
        registry.add("phoenix.bridge.command-side-url", deviceApi::url);
    }

    @BeforeAll
    static void start() throws Exception {
        broker.start();
        reader = new MqttClient(broker.url(), "test-reader-shared", new MemoryPersistence());
        reader.setCallback(null);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(1000);
        options.setAutomaticReconnect(true);
        reader.connect(options);
        subscribeToResults();
    }

    private static void subscribeToResults() throws Exception {
        reader.subscribe("phoenix/devices/+/results", 1, (topic, message) -> {
            JsonNode result = json.readTree(message.getPayload());
            results.put(result.path("tapId").asText(), result);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (secondBridge != null) {
            secondBridge.close();
        }
        reader.disconnectForcibly();
        reader.close();
        deviceApi.close();
        broker.close();
    }

    @Autowired
    Environment environment;
    @Autowired
    MqttConnection bridge;

    @Test
    void twoBridgesShareTheTapsAndEachTapReachesTheDeviceApiOnce() throws Exception {
        secondBridge = new SpringApplicationBuilder(DeviceBridgeApplication.class).properties(
                "server.port=0",
                "spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                "phoenix.mqtt.broker-url=" + broker.url(),
                "phoenix.mqtt.client-id=phoenix-bridge-test-shared-2",
                "phoenix.mqtt.shared-group=test-bridges",
                "phoenix.bridge.key=bridge-test-key",
                "phoenix.bridge.command-side-url=" + deviceApi.url()).run();
        await().atMost(Duration.ofSeconds(30)).until(() -> bridge.isSubscribed()
                && secondBridge.getBean(MqttConnection.class).isSubscribed());
        Set<String> workers = ConcurrentHashMap.newKeySet();
        deviceApi.answer(call -> {
            workers.add(Thread.currentThread().getName());
            return FakeDeviceApi.Answer.tapped("checked_in", "Hallo!");
        });

        for (int i = 0; i < 200; i++) {
            MqttMessage tap = new MqttMessage(("{\"tapId\":\"shared-" + i + "\",\"tag\":\"AABBCC" + String.format("%02X", i)
                    + "\"}").getBytes(StandardCharsets.UTF_8));
            tap.setQos(1);
            reader.publish("phoenix/devices/RFID-SH-" + (i % 10) + "/taps", tap);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> results.keySet().stream()
                .filter(id -> id.startsWith("shared-")).count() == 200);
        Map<String, Long> callsPerTap = deviceApi.calls.stream()
                .map(call -> call.body().path("tapId").asText())
                .filter(id -> id.startsWith("shared-"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(callsPerTap).hasSize(200).allSatisfy((tapId, calls) -> assertThat(calls).isEqualTo(1));
        // both bridges took part (the broker hands out a shared subscription's messages in turn)
        assertThat(broker.log()).contains("phoenix-bridge-test-shared-1", "phoenix-bridge-test-shared-2");
    }

    @Test
    void afterTheBrokerRestartsTheSubscriptionsAreRenewed() throws Exception {
        broker.kill();
        broker.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> reader.isConnected()
                && broker.log().contains("phoenix-bridge-test-shared-1"));
        subscribeToResults(); // the test's own client has a clean session: it subscribes again itself

        // the bridge reconnects on its own time; until it has, taps wait in the broker or are sent again here
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            MqttMessage tap = new MqttMessage("{\"tapId\":\"after-restart\",\"tag\":\"AABBCCDD\"}".getBytes());
            tap.setQos(1);
            reader.publish("phoenix/devices/RFID-RESTART/taps", tap);
            return results.containsKey("after-restart");
        });
        assertThat(results.get("after-restart").path("action").asText()).isEqualTo("checked_in");
    }
}
