package phoenix.bridge.taps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import phoenix.bridge.mqtt.Mosquitto;
import phoenix.bridge.mqtt.MqttConnection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bridge between a broker and a stand-in device API of the test's own: what reaches the device API, what
 * readers get back, what is refused, recorded and acknowledged.
 */
@SpringBootTest(properties = {
        "phoenix.mqtt.client-id=phoenix-bridge-test-taps",
        "phoenix.bridge.key=bridge-test-key",
        "phoenix.bridge.retry-first=20ms",
        "phoenix.bridge.retry-max=200ms",
        "phoenix.bridge.rejected-kept=50"})
@DirtiesContext
class TapBridgeTest {

    static final Mosquitto broker = new Mosquitto();
    static final FakeDeviceApi deviceApi = new FakeDeviceApi();
    static final ObjectMapper json = new ObjectMapper();
    static MqttClient reader;
    // each test uses readers of its own: their results are not mixed up with those still coming for another test
    static final Map<String, BlockingQueue<JsonNode>> results = new java.util.concurrent.ConcurrentHashMap<>();

    @DynamicPropertySource
    static void ownBrokerAndDeviceApi(DynamicPropertyRegistry registry) {
        registry.add("phoenix.mqtt.broker-url", broker::url);
        registry.add("phoenix.bridge.command-side-url", deviceApi::url);
    }

    @BeforeAll
    static void start() throws Exception {
        broker.start();
        reader = new MqttClient(broker.url(), "test-reader", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        reader.connect(options);
        reader.subscribe("phoenix/devices/+/results", 1, (topic, message) -> results(topic.split("/")[2])
                .add(json.readTree(message.getPayload())));
    }

    @AfterAll
    static void stop() throws Exception {
        reader.disconnect();
        reader.close();
        deviceApi.close();
        broker.close();
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MqttConnection bridge;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry metrics;

    @BeforeEach
    void answerTapsByDefaultOnceTheBridgeListens() {
        deviceApi.answer(call -> FakeDeviceApi.Answer.tapped("checked_in", "Hallo!"));
        // a tap published before the bridge's first subscription on a fresh broker reaches nobody
        await().atMost(Duration.ofSeconds(30)).until(bridge::isSubscribed);
    }

    private static BlockingQueue<JsonNode> results(String device) {
        return results.computeIfAbsent(device, key -> new LinkedBlockingQueue<>());
    }

    private static List<FakeDeviceApi.Call> calls(String device) {
        return deviceApi.calls.stream().filter(call -> device.equals(call.device())).toList();
    }

    private static void publish(String device, String payload) throws Exception {
        publish(device, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static void publish(String device, byte[] payload) throws Exception {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        reader.publish("phoenix/devices/" + device + "/taps", message);
    }

    private static String tap(String tapId, String tag) {
        return "{\"tapId\":\"" + tapId + "\",\"tag\":\"" + tag + "\",\"roomId\":\"" + UUID.randomUUID()
                + "\",\"tappedAt\":\"" + Instant.now() + "\"}";
    }

    private static JsonNode nextResult(String device) throws InterruptedException {
        JsonNode result = results(device).poll(15, TimeUnit.SECONDS);
        assertThat(result).as("a result within 15 s").isNotNull();
        return result;
    }

    @Test
    void aTapGoesToTheDeviceApiForItsReaderAndItsAnswerToTheReader() throws Exception {
        publish("RFID-T-1", tap("tap-1", "04:a1:b2:c3"));

        JsonNode result = nextResult("RFID-T-1");
        assertThat(result.path("tapId").asText()).isEqualTo("tap-1");
        assertThat(result.path("action").asText()).isEqualTo("checked_in");
        assertThat(result.path("message").asText()).isEqualTo("Hallo!");
        FakeDeviceApi.Call call = calls("RFID-T-1").get(0);
        assertThat(call.authorization()).isEqualTo("Bearer bridge-test-key");
        assertThat(call.device()).isEqualTo("RFID-T-1");
        assertThat(call.body().path("tag").asText()).isEqualTo("04A1B2C3");
        assertThat(call.body().path("tapId").asText()).isEqualTo("tap-1");
    }

    @Test
    void aRefusalOfTheDeviceApiIsARejectedResult() throws Exception {
        deviceApi.answer(call -> FakeDeviceApi.Answer.refused(404, "UNKNOWN_TAG"));

        publish("RFID-T-2", tap("tap-2", "DEADBEEF"));

        JsonNode result = nextResult("RFID-T-2");
        assertThat(result.path("action").asText()).isEqualTo("rejected");
        assertThat(result.path("code").asText()).isEqualTo("UNKNOWN_TAG");
    }

    @Test
    void aTapWaitsWhileTheDeviceApiDoesNotAnswerAndOtherReadersGoOn() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        deviceApi.answer(call -> {
            if (call.device().equals("RFID-SLOW") && attempts.incrementAndGet() <= 5) {
                return FakeDeviceApi.Answer.refused(503, "UNAVAILABLE");
            }
            return FakeDeviceApi.Answer.tapped("checked_in", "Hallo!");
        });

        publish("RFID-SLOW", tap("slow-1", "AAAAAAA1"));
        publish("RFID-SLOW", tap("slow-2", "AAAAAAA2"));
        publish("RFID-FAST", tap("fast-1", "AAAAAAA3"));

        assertThat(nextResult("RFID-FAST").path("tapId").asText()).isEqualTo("fast-1");
        assertThat(attempts.get()).as("the slow reader was still waiting").isLessThanOrEqualTo(5);
        List<String> slow = List.of(nextResult("RFID-SLOW").path("tapId").asText(),
                nextResult("RFID-SLOW").path("tapId").asText());
        assertThat(slow).containsExactly("slow-1", "slow-2"); // in order per reader
        assertThat(attempts.get()).isGreaterThan(5);
    }

    @Test
    void aWrongBridgeKeyHoldsTheTapsBackInsteadOfAnsweringThemWrongly() throws Exception {
        AtomicInteger refusals = new AtomicInteger();
        deviceApi.answer(call -> refusals.incrementAndGet() <= 3
                ? FakeDeviceApi.Answer.refused(401, "UNAUTHENTICATED") : FakeDeviceApi.Answer.tapped("checked_in", "Hallo!"));

        publish("RFID-T-3", tap("tap-3", "BBBBBBB1"));

        JsonNode result = nextResult("RFID-T-3");
        assertThat(result.path("action").asText()).isEqualTo("checked_in");
        assertThat(refusals.get()).isEqualTo(4);
    }

    @Test
    void aTapArrivingAfterALaterOneOfItsReaderIsCountedAsOutOfOrder() throws Exception {
        Instant now = Instant.now();
        publish("RFID-ORDER-1", "{\"tapId\":\"late-2\",\"tag\":\"BBBBBBC1\",\"tappedAt\":\"" + now + "\"}");
        publish("RFID-ORDER-1", "{\"tapId\":\"late-1\",\"tag\":\"BBBBBBC2\",\"tappedAt\":\"" + now.minusSeconds(5) + "\"}");
        publish("RFID-ORDER-2", "{\"tapId\":\"fine-1\",\"tag\":\"BBBBBBC3\",\"tappedAt\":\"" + now.minusSeconds(5) + "\"}");
        publish("RFID-ORDER-2", "{\"tapId\":\"fine-2\",\"tag\":\"BBBBBBC4\",\"tappedAt\":\"" + now + "\"}");

        for (String device : List.of("RFID-ORDER-1", "RFID-ORDER-1", "RFID-ORDER-2", "RFID-ORDER-2")) {
            nextResult(device);
        }
        assertThat(metrics.counter("phoenix.bridge.taps.out.of.order", "device", "RFID-ORDER-1").count()).isEqualTo(1);
        assertThat(metrics.counter("phoenix.bridge.taps.out.of.order", "device", "RFID-ORDER-2").count()).isZero();
    }

    @Test
    void aConcurrentChangeOnTheCommandSideIsTriedAgain() throws Exception {
        AtomicInteger conflicts = new AtomicInteger();
        deviceApi.answer(call -> conflicts.incrementAndGet() == 1
                ? FakeDeviceApi.Answer.refused(409, "CONCURRENT_MODIFICATION")
                : FakeDeviceApi.Answer.tapped("transferred", "Gewechselt!"));

        publish("RFID-T-4", tap("tap-4", "BBBBBBB2"));

        assertThat(nextResult("RFID-T-4").path("action").asText()).isEqualTo("transferred");
    }

    @Test
    void everyTapOfManyReadersTappingAtOnceIsAnswered() throws Exception {
        // more results published at once than Paho lets be unconfirmed by default (10): none may be lost
        int readers = 20;
        int tapsEach = 25;
        for (int i = 0; i < tapsEach; i++) {
            for (int r = 0; r < readers; r++) {
                publish("RFID-MANY-" + r, tap("many-" + r + "-" + i, "CCCC%04X".formatted(r * tapsEach + i)));
            }
        }

        for (int r = 0; r < readers; r++) {
            List<String> answered = new java.util.ArrayList<>();
            for (int i = 0; i < tapsEach; i++) {
                answered.add(nextResult("RFID-MANY-" + r).path("tapId").asText());
            }
            String reader = "RFID-MANY-" + r;
            assertThat(answered).as(reader).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, tapsEach).mapToObj(i -> "many-" + reader.substring(10) + "-" + i)
                            .toList());
        }
    }

    @Test
    void malformedMessagesAreRejectedRecordedAndAcknowledged() throws Exception {
        String device = "RFID-BAD-1";
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("not json", "MALFORMED_MESSAGE");
        cases.put("[1,2,3]", "MALFORMED_MESSAGE");
        cases.put("{\"tag\":\"AABBCCDD\"}", "MISSING_FIELD");
        cases.put("{\"tapId\":\"m-1\"}", "MISSING_FIELD");
        cases.put("{\"tapId\":42,\"tag\":\"AABBCCDD\"}", "INVALID_FIELD");
        cases.put("{\"tapId\":\"m-2\",\"tag\":\"AABBCCDD\",\"roomId\":\"room-7\"}", "INVALID_FIELD");
        cases.put("{\"tapId\":\"m-3\",\"tag\":\"AABBCCDD\",\"tappedAt\":\"gestern\"}", "INVALID_FIELD");
        cases.put("{\"tapId\":\"m-4\",\"tag\":\"AABBCCDD\",\"deviceId\":\"RFID-OTHER\"}", "DEVICE_MISMATCH");
        cases.put("{\"tapId\":\"m-5\",\"tag\":\"XYZ\"}", "INVALID_TAG");
        cases.put("{\"tapId\":\"m-6\",\"tag\":\"AABBCCDD\",\"tappedAt\":\"2999-01-01T00:00:00Z\"}", "TAPPED_AT_IN_FUTURE");
        cases.put("{\"tapId\":\"m-7\",\"tag\":\"AABBCCDD\",\"pad\":\"" + "x".repeat(5000) + "\"}", "PAYLOAD_TOO_LARGE");
        long recordedBefore = recorded(device);

        for (String payload : cases.keySet()) {
            publish(device, payload);
        }
        publish(device, tap("after-the-bad-ones", "AABBCCDD"));

        for (String expected : cases.values()) {
            JsonNode result = nextResult(device);
            assertThat(result.path("action").asText()).isEqualTo("rejected");
            assertThat(result.path("code").asText()).isEqualTo(expected);
        }
        assertThat(nextResult(device).path("tapId").asText()).isEqualTo("after-the-bad-ones");
        assertThat(recorded(device) - recordedBefore).isEqualTo(cases.size());
        assertThat(calls(device)).hasSize(1);
        // nothing comes back: each was acknowledged
        assertThat(results(device).poll(2, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aTopicWithoutAValidReaderIdIsRecordedWithoutResult() throws Exception {
        reader.publish("phoenix/devices/bad id!/taps", new MqttMessage(tap("x-1", "AABBCCDD").getBytes()));

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM iot.rejected_messages WHERE topic = 'phoenix/devices/bad id!/taps' "
                        + "AND code = 'INVALID_DEVICE_ID'").query(Long.class).single() == 1);
        assertThat(calls("bad id!")).isEmpty();
    }

    @Test
    void thousandsOfRandomPayloadsNeverStopTheNextTap() throws Exception {
        Random random = new Random(42);
        String valid = tap("fuzz-template", "AABBCCDD");
        for (int i = 0; i < 3000; i++) {
            byte[] payload;
            switch (i % 3) {
                case 0 -> {
                    payload = new byte[random.nextInt(200)];
                    random.nextBytes(payload);
                }
                case 1 -> payload = valid.substring(0, random.nextInt(valid.length())).getBytes(StandardCharsets.UTF_8);
                default -> payload = ("{\"tapId\":" + random.nextInt() + ",\"tag\":[" + random.nextDouble() + "]}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            publish("RFID-FUZZ", payload);
        }
        publish("RFID-FUZZ", tap("after-the-fuzz", "AABBCCDD"));

        await().atMost(Duration.ofSeconds(60)).until(() -> results("RFID-FUZZ").stream()
                .anyMatch(result -> result.path("tapId").asText().equals("after-the-fuzz")));
        // every message gets its answer (at least once)
        await().atMost(Duration.ofSeconds(30)).until(() -> results("RFID-FUZZ").size() >= 3001);
        assertThat(results("RFID-FUZZ"))
                .allSatisfy(result -> assertThat(result.path("action").asText()).isIn("rejected", "checked_in"));
        // bounded: only the newest refusals are kept
        assertThat(jdbc.sql("SELECT count(*) FROM iot.rejected_messages").query(Long.class).single())
                .isLessThanOrEqualTo(51);
    }

    @Test
    void aReadersStatusBecomesItsConnectionState() throws Exception {
        MqttMessage online = new MqttMessage("online".getBytes());
        online.setRetained(true);
        online.setQos(1);
        reader.publish("phoenix/devices/RFID-ST-1/status", online);
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(connected("RFID-ST-1")));

        MqttMessage offline = new MqttMessage("offline".getBytes());
        offline.setRetained(true);
        offline.setQos(1);
        reader.publish("phoenix/devices/RFID-ST-1/status", offline);

        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.FALSE.equals(connected("RFID-ST-1")));
    }

    private Boolean connected(String device) {
        return jdbc.sql("SELECT online FROM iot.device_connections WHERE device_id = ?").param(device)
                .query(Boolean.class).optional().orElse(null);
    }

    private long recorded(String device) {
        return jdbc.sql("SELECT count(*) FROM iot.rejected_messages WHERE device_id = ?").param(device)
                .query(Long.class).single();
    }
}
