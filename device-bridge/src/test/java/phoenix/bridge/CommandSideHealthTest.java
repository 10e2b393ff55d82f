package phoenix.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import phoenix.bridge.mqtt.Mosquitto;
import phoenix.bridge.taps.FakeDeviceApi;
import phoenix.db.TestDatabase;
import phoenix.platform.testing.Api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bridge that cannot work says so: health DOWN with a reason that names the setting, one ERROR line instead of one
 * per retry, taps kept unacknowledged until the fault is fixed, and recovery without a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class CommandSideHealthTest {

    static final Mosquitto broker = new Mosquitto();
    static final List<String> answered = new CopyOnWriteArrayList<>();
    static MqttClient reader;

    TestDatabase database;
    Bridges bridges;
    FakeDeviceApi deviceApi;

    @BeforeAll
    static void start() throws Exception {
        broker.start();
        reader = new MqttClient(broker.url(), "health-test-reader", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        reader.connect(options);
        reader.subscribe("phoenix/devices/+/results", 1,
                (topic, message) -> answered.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() throws Exception {
        reader.disconnect();
        reader.close();
        broker.close();
    }

    @BeforeEach
    void freshDatabase() {
        database = TestDatabase.create();
    }

    @AfterEach
    void closeAll() {
        bridges.close();
        if (deviceApi != null) {
            deviceApi.close();
        }
        database.close();
    }

    @Test
    void aRefusedBridgeKeyMakesHealthDownNamingTheSettingLogsOnceAndHoldsTheTaps(CapturedOutput output)
            throws Exception {
        deviceApi = new FakeDeviceApi();
        deviceApi.credentialCheck(401);
        deviceApi.answer(call -> FakeDeviceApi.Answer.refused(401, "UNAUTHENTICATED"));
        bridges = new Bridges(database, broker.url(), deviceApi.url());
        ConfigurableApplicationContext bridge = bridges.start("health-key", "phoenix.bridge.check-interval=200ms");
        Api api = new Api(port(bridge));

        JsonNode down = awaitCommandSide(api, "DOWN");
        awaitHealth(api, health -> "UP".equals(health.at("/components/mqtt/status").asText()));
        tap("RFID-KEY-1", "key-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> deviceApi.calls.size() >= 5); // retried, not answered

        assertThat(down.path("status").asText()).isEqualTo("DOWN");
        assertThat(down.at("/components/commandSide/description").asText())
                .contains("phoenix.bridge.key is refused by the command side");
        assertThat(answered).noneMatch(result -> result.contains("key-1"));
        assertThat(output.getOut().lines().filter(line -> line.contains(" ERROR ")
                && line.contains("phoenix.bridge.key is refused")).count()).as("said once").isEqualTo(1);

        // the command side's key is fixed: the waiting tap is answered and health recovers, without a restart
        deviceApi.credentialCheck(200);
        deviceApi.answer(call -> FakeDeviceApi.Answer.tapped("checked_in", "Hallo!"));
        await().atMost(Duration.ofSeconds(10)).until(() -> answered.stream().anyMatch(result -> result.contains("key-1")));
        assertThat(awaitHealth(api, "UP").at("/components/commandSide/status").asText()).isEqualTo("UP");
    }

    @Test
    void withoutABridgeKeyHealthIsDownNamingTheSetting() {
        deviceApi = new FakeDeviceApi();
        bridges = new Bridges(database, broker.url(), deviceApi.url());
        ConfigurableApplicationContext bridge = bridges.start("health-nokey", "phoenix.bridge.key=");

        JsonNode down = awaitCommandSide(new Api(port(bridge)), "DOWN");

        assertThat(down.path("status").asText()).isEqualTo("DOWN");
        assertThat(down.at("/components/commandSide/description").asText())
                .contains("phoenix.bridge.key is not set");
        assertThat(deviceApi.calls).isEmpty();
    }

    @Test
    void aCommandSideUnreachableForLongerThanAllowedMakesHealthDownUntilItAnswersAgain() throws Exception {
        int port = Mosquitto.freePort(); // nothing listens there yet
        bridges = new Bridges(database, broker.url(), "http://127.0.0.1:" + port);
        ConfigurableApplicationContext bridge = bridges.start("health-unreachable",
                "phoenix.bridge.check-interval=200ms", "phoenix.bridge.unreachable-down-after=3s");
        Api api = new Api(port(bridge));

        JsonNode early = awaitHealth(api, "UP"); // unreachable, but not yet for long
        JsonNode down = awaitCommandSide(api, "DOWN");
        deviceApi = new FakeDeviceApi(port);
        JsonNode up = awaitHealth(api, "UP");

        assertThat(early.at("/components/commandSide/status").asText()).isEqualTo("UP");
        assertThat(down.path("status").asText()).isEqualTo("DOWN");
        assertThat(down.at("/components/commandSide/description").asText()).contains("does not answer");
        assertThat(up.at("/components/commandSide/status").asText()).isEqualTo("UP");
    }

    private static JsonNode awaitHealth(Api api, String status) {
        return awaitHealth(api, health -> status.equals(health.path("status").asText()));
    }

    private static JsonNode awaitCommandSide(Api api, String status) {
        return awaitHealth(api, health -> status.equals(health.at("/components/commandSide/status").asText()));
    }

    private static JsonNode awaitHealth(Api api, java.util.function.Predicate<JsonNode> wanted) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = api.get("/actuator/health", null).body();
            return wanted.test(last[0]);
        });
        return last[0];
    }

    private static int port(ConfigurableApplicationContext bridge) {
        return ((WebServerApplicationContext) bridge).getWebServer().getPort();
    }

    private static void tap(String device, String tapId) throws Exception {
        MqttMessage tap = new MqttMessage(("{\"tapId\":\"" + tapId + "\",\"tag\":\"AABBCCDD\"}").getBytes());
        tap.setQos(1);
        reader.publish("phoenix/devices/" + device + "/taps", tap);
    }
}
