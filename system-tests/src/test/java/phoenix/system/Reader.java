package phoenix.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An RFID reader at a room door, as the bridge sees it: its own MQTT connection (client id = device id plus a
 * suffix), taps published at QoS 1 on {@code phoenix/devices/{id}/taps}, results received on
 * {@code phoenix/devices/{id}/results}, and the status topic: retained {@code offline} as its last will.
 * Every result that arrives is kept, in order and by tap id.
 */
final class Reader implements AutoCloseable {

    /** One message on the results topic; {@code receivedAt} in {@link System#nanoTime()}. */
    record Result(String tapId, String action, String message, String code, long receivedAt) {

        boolean rejected() {
            return "rejected".equals(action);
        }
    }

    private static final ObjectMapper json = new ObjectMapper();
    private static final long TIMEOUT_MILLIS = 10_000;

    final String deviceId;
    private final MqttAsyncClient client;
    private final List<Result> results = new CopyOnWriteArrayList<>();
    private final Map<String, List<Result>> byTapId = new ConcurrentHashMap<>();
    private volatile Consumer<Result> listener = result -> { };

    private Reader(String deviceId, MqttAsyncClient client) {
        this.deviceId = deviceId;
        this.client = client;
    }

    /** Connects, subscribes to its results and (if {@code online}) announces itself retained "online". */
    static Reader connect(String brokerUrl, String deviceId, boolean online) throws MqttException {
        return connect(brokerUrl, deviceId, online, false);
    }

    /**
     * As {@link #connect(String, String, boolean)}; {@code persistent}: with a session the broker keeps (and a client
     * id of its own), so that results published while the reader is away, as during a broker restart, reach it.
     * Only on a broker of the test's own.
     */
    static Reader connect(String brokerUrl, String deviceId, boolean online, boolean persistent)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUrl,
                deviceId + "-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        Reader reader = new Reader(deviceId, client);
        client.setCallback(reader.new Callback());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(!persistent);
        options.setAutomaticReconnect(true);
        options.setMaxInflight(2_000);
        options.setKeepAliveInterval(30);
        if (brokerUrl.startsWith("tcp://")) {
            options.setSocketFactory(new NoDelaySocketFactory());
        }
        options.setWill(reader.topic("status"), "offline".getBytes(StandardCharsets.UTF_8), 1, true);
        client.connect(options).waitForCompletion(TIMEOUT_MILLIS);
        client.subscribe(reader.topic("results"), 1).waitForCompletion(TIMEOUT_MILLIS);
        if (online) {
            reader.status("online");
        }
        return reader;
    }

    String topic(String kind) {
        return "phoenix/devices/" + deviceId + "/" + kind;
    }

    /** Publishes a tap {@code {"tapId","tag","roomId","tappedAt"}} (QoS 1) and waits until the broker has it. */
    void tap(String tapId, String tag, UUID roomId, Instant tappedAt) throws MqttException {
        Map<String, Object> tap = new LinkedHashMap<>();
        tap.put("tapId", tapId);
        tap.put("tag", tag);
        if (roomId != null) {
            tap.put("roomId", roomId.toString());
        }
        tap.put("tappedAt", tappedAt.toString());
        publish(bytes(tap));
    }

    /** Publishes any payload on the taps topic (QoS 1) and waits until the broker has it. */
    void publish(byte[] payload) throws MqttException {
        publish(topic("taps"), payload, false);
    }

    /** Publishes "online" or "offline", retained, on the status topic. */
    void status(String status) throws MqttException {
        publish(topic("status"), status.getBytes(StandardCharsets.UTF_8), true);
    }

    /** The connection breaks without a goodbye: the broker publishes the reader's last will ("offline"). */
    void dropConnection() throws MqttException {
        client.disconnectForcibly(0, 1_000, false);
    }

    /** Every result so far, in the order they arrived. */
    List<Result> results() {
        return List.copyOf(results);
    }

    /** The results of one tap, in the order they arrived (more than one when a tap was delivered again). */
    List<Result> results(String tapId) {
        return List.copyOf(byTapId.getOrDefault(tapId, List.of()));
    }

    int resultCount() {
        return results.size();
    }

    /** Called on Paho's thread for every result; must be quick and must not throw. */
    void onResult(Consumer<Result> listener) {
        this.listener = listener;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
            }
        } catch (MqttException e) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing left to do
        }
    }

    static byte[] bytes(Object message) {
        try {
            return json.writeValueAsBytes(message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(retained);
        client.publish(topic, message).waitForCompletion(TIMEOUT_MILLIS);
    }

    /** Readers send small packets and wait for answers: no Nagle delay on their side of the connection. */
    private static final class NoDelaySocketFactory extends javax.net.SocketFactory {

        private static final javax.net.SocketFactory plain = javax.net.SocketFactory.getDefault();

        @Override
        public java.net.Socket createSocket() throws java.io.IOException {
            java.net.Socket socket = plain.createSocket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
            return noDelay(plain.createSocket(host, port));
        }

        @Override
        public java.net.Socket createSocket(String host, int port, java.net.InetAddress localHost, int localPort)
                throws java.io.IOException {
            return noDelay(plain.createSocket(host, port, localHost, localPort));
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
            return noDelay(plain.createSocket(host, port));
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress localAddress,
                                            int localPort) throws java.io.IOException {
            return noDelay(plain.createSocket(address, port, localAddress, localPort));
        }

        private static java.net.Socket noDelay(java.net.Socket socket) throws java.io.IOException {
            socket.setTcpNoDelay(true);
            return socket;
        }
    }

    private final class Callback implements MqttCallbackExtended {

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) { // a clean session forgot the subscription
                try {
                    client.subscribe(topic("results"), 1);
                } catch (MqttException | RuntimeException e) {
                    // the next reconnect tries again
                }
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            long now = System.nanoTime();
            try {
                JsonNode body = json.readTree(message.getPayload());
                Result result = new Result(body.path("tapId").asText(null), body.path("action").asText(null),
                        body.path("message").asText(null), body.path("code").asText(null), now);
                results.add(result);
                if (result.tapId() != null) {
                    byTapId.computeIfAbsent(result.tapId(), id -> new CopyOnWriteArrayList<>()).add(result);
                }
                listener.accept(result);
            } catch (Exception e) {
                // an exception here would drop the connection; a result that is not JSON is kept as such
                results.add(new Result(null, "unreadable", new String(message.getPayload(), StandardCharsets.UTF_8),
                        null, now));
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            // automatic reconnect
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // publish waits for its token
        }
    }

    @Override
    public String toString() {
        return "Reader " + deviceId + " (" + results.size() + " results)";
    }
}
