package phoenix.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import phoenix.bridge.leader.Leadership;
import phoenix.bridge.mqtt.Mosquitto;
import phoenix.bridge.mqtt.MqttConnection;
import phoenix.bridge.taps.FakeDeviceApi;
import phoenix.db.TestDatabase;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several bridge instances on one broker and one database: one carries the taps at a time, in each reader's order;
 * another takes over when it goes; a client id that changes leaves no tap queued for the old one.
 */
class LeadershipTest {

    static final Mosquitto broker = new Mosquitto();
    static final FakeDeviceApi deviceApi = new FakeDeviceApi();
    static final ObjectMapper json = new ObjectMapper();
    static final Map<String, List<JsonNode>> results = new ConcurrentHashMap<>();
    static MqttClient reader;

    TestDatabase database;
    Bridges bridges;

    @BeforeAll
    static void start() throws Exception {
        broker.start();
        reader = new MqttClient(broker.url(), "leadership-test-reader", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        reader.connect(options);
        reader.subscribe("phoenix/devices/+/results", 1, (topic, message) -> {
            JsonNode result = json.readTree(message.getPayload());
            results.computeIfAbsent(result.path("tapId").asText(), id -> new CopyOnWriteArrayList<>()).add(result);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        reader.disconnect();
        reader.close();
        deviceApi.close();
        broker.close();
    }

    @BeforeEach
    void freshDatabase() {
        database = TestDatabase.create();
        bridges = new Bridges(database, broker.url(), deviceApi.url());
    }

    @AfterEach
    void closeAll() {
        bridges.close();
        database.close();
    }

    @Test
    void oneOfTwoBridgesCarriesTheTapsEachOnceAndInTheOrderOfItsReader() throws Exception {
        ConfigurableApplicationContext first = bridges.start("lead-order");
        ConfigurableApplicationContext second = bridges.start("lead-order");
        ConfigurableApplicationContext leader = awaitLeader(first, second);
        ConfigurableApplicationContext standby = leader == first ? second : first;

        List<String> sent = publish("order", 10, 20);

        awaitAnswered(sent);
        assertThat(callsPerTap("order-")).hasSize(sent.size()).allSatisfy((tap, calls) -> assertThat(calls).isEqualTo(1));
        assertDecidedInOrderPerReader("order", 10, 20);
        assertThat(Bridges.role(standby)).isEqualTo(Leadership.Role.STANDBY);
        assertThat(standby.getBean(MqttConnection.class).isConnected()).isFalse();
        Health standbyHealth = standby.getBean("mqtt", HealthIndicator.class).health();
        assertThat(standbyHealth.getStatus()).isEqualTo(Status.UP);
        assertThat(standbyHealth.getDetails()).containsEntry("role", "standby")
                .containsEntry("leader", leader.getBean(Leadership.class).instance());
    }

    @Test
    void whenTheLeaderStopsTheStandbyTakesOverAndEveryTapIsAnswered() throws Exception {
        ConfigurableApplicationContext first = bridges.start("lead-handover");
        ConfigurableApplicationContext second = bridges.start("lead-handover");
        ConfigurableApplicationContext leader = awaitLeader(first, second);
        ConfigurableApplicationContext standby = leader == first ? second : first;
        List<String> sent = new ArrayList<>(publish("before", 5, 20));
        await().atMost(Duration.ofSeconds(30)).until(() -> answered(sent) >= 30);

        leader.close();
        sent.addAll(publish("after", 5, 20));

        await().atMost(Duration.ofSeconds(10)).until(() -> Bridges.role(standby) == Leadership.Role.LEADING
                && standby.getBean(MqttConnection.class).isSubscribed());
        awaitAnswered(sent);
        assertDecidedInOrderPerReader("before", 5, 20);
        assertDecidedInOrderPerReader("after", 5, 20);
    }

    @Test
    void aChangedClientIdLeavesNoTapQueuedForTheOldOne() throws Exception {
        ConfigurableApplicationContext old = bridges.start("client-old");
        awaitLeader(old);
        old.close();
        List<String> queued = publish("queued", 3, 10); // nobody connected: the broker queues them for client-old

        ConfigurableApplicationContext renamed = bridges.start("client-new");

        awaitAnswered(queued);
        List<String> later = publish("later", 3, 5);
        awaitAnswered(later);
        assertDecidedInOrderPerReader("queued", 3, 10);
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        assertThat(jdbc.sql("SELECT client_id FROM iot.bridge_sessions").query(String.class).list())
                .containsExactly("client-new");
        assertThat(Bridges.role(renamed)).isEqualTo(Leadership.Role.LEADING);
        assertThat(sessionPresent("client-old")).as("the broker kept no session for client-old").isFalse();
    }

    private static ConfigurableApplicationContext awaitLeader(ConfigurableApplicationContext... candidates) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            long leading = java.util.Arrays.stream(candidates)
                    .filter(bridge -> Bridges.role(bridge) == Leadership.Role.LEADING).count();
            long standing = java.util.Arrays.stream(candidates)
                    .filter(bridge -> Bridges.role(bridge) == Leadership.Role.STANDBY).count();
            return leading == 1 && standing == candidates.length - 1;
        });
        ConfigurableApplicationContext leader = java.util.Arrays.stream(candidates)
                .filter(bridge -> Bridges.role(bridge) == Leadership.Role.LEADING).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> leader.getBean(MqttConnection.class).isSubscribed());
        return leader;
    }

    /** {@code readers} readers tap {@code each} times, interleaved; answers the tap ids in the order sent. */
    private static List<String> publish(String prefix, int readers, int each) throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < each; i++) {
            for (int r = 0; r < readers; r++) {
                String tapId = prefix + "-" + r + "-" + i;
                MqttMessage tap = new MqttMessage(("{\"tapId\":\"" + tapId + "\",\"tag\":\"AABB%04X\"}"
                        .formatted(r * each + i)).getBytes(StandardCharsets.UTF_8));
                tap.setQos(1);
                reader.publish("phoenix/devices/RFID-" + prefix.toUpperCase() + "-" + r + "/taps", tap);
                sent.add(tapId);
            }
        }
        return sent;
    }

    private static long answered(List<String> tapIds) {
        return tapIds.stream().filter(results::containsKey).count();
    }

    private static void awaitAnswered(List<String> tapIds) {
        await().atMost(Duration.ofSeconds(60)).until(() -> answered(tapIds) == tapIds.size());
    }

    private static Map<String, Long> callsPerTap(String prefix) {
        return deviceApi.calls.stream().map(call -> call.body().path("tapId").asText())
                .filter(id -> id.startsWith(prefix))
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    }

    /** Each reader's taps reached the device API first in the order the reader sent them. */
    private static void assertDecidedInOrderPerReader(String prefix, int readers, int each) {
        for (int r = 0; r < readers; r++) {
            String device = "RFID-" + prefix.toUpperCase() + "-" + r;
            LinkedHashSet<String> firstCalls = deviceApi.calls.stream().filter(call -> device.equals(call.device()))
                    .map(call -> call.body().path("tapId").asText())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            int reader = r;
            assertThat(firstCalls).as(device).containsExactlyElementsOf(
                    IntStream.range(0, each).mapToObj(i -> prefix + "-" + reader + "-" + i).toList());
        }
    }

    private static boolean sessionPresent(String clientId) throws Exception {
        MqttClient probe = new MqttClient(broker.url(), clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        try {
            IMqttToken token = probe.connectWithResult(options);
            return token.getSessionPresent();
        } finally {
            probe.disconnect();
            probe.close();
        }
    }
}
