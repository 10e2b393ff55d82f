package phoenix.bridge.taps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.devices.DeviceId;
import phoenix.bridge.mqtt.MqttConnection;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where a reader's tap arrives: {@code phoenix/devices/{deviceId}/taps} in, {@code .../results} out.
 * <p>
 * At least once in, exactly once in effect: a tap is acknowledged to the broker only after its result is published,
 * so a crash anywhere before means the broker delivers it again, and the command side answers a tap id it knows
 * with its first answer, changing nothing. While the command side does not answer, the tap is tried again with a
 * growing pause, in order with the reader's other taps; other readers go on. A malformed message gets a
 * "rejected" result (when its topic names a reader), is recorded, and is acknowledged: it never comes back and
 * never holds up the next one. A tap whose connection was closed meanwhile (the lease went to another instance) is
 * left alone: it is delivered again, to the new leader.
 */
@Component
class TapBridge implements SmartLifecycle {

    static final String TAPS = "phoenix/devices/+/taps";
    private static final Logger log = LoggerFactory.getLogger(TapBridge.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
    // refusals that say more about the reader than about the tap: worth a record
    private static final Set<String> DEVICE_REFUSALS =
            Set.of(ErrorCode.UNKNOWN_DEVICE.name(), ErrorCode.DEVICE_INACTIVE.name());

    private final MqttConnection mqtt;
    private final TapMessages messages;
    private final DeviceApi deviceApi;
    private final Rejections rejections;
    private final ObjectMapper json;
    private final BridgeProperties properties;
    private final DeviceQueues queues;
    private final MeterRegistry metrics;
    private final Timer latency;
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> lastTappedAt = new ConcurrentHashMap<>();
    private volatile long outOfOrderLoggedAt;
    // not "not yet started": taps of the persistent session arrive as soon as the connection (an earlier phase) is up
    private volatile boolean stopping;

    TapBridge(MqttConnection mqtt, TapMessages messages, DeviceApi deviceApi, Rejections rejections,
              ObjectMapper json, BridgeProperties properties, MeterRegistry metrics) {
        this.mqtt = mqtt;
        this.messages = messages;
        this.deviceApi = deviceApi;
        this.rejections = rejections;
        this.json = json;
        this.properties = properties;
        this.metrics = metrics;
        this.queues = new DeviceQueues(properties.workers());
        this.latency = Timer.builder("phoenix.bridge.tap.latency")
                .description("From a tap's arrival at the bridge to its result published")
                .publishPercentileHistogram()
                .register(metrics);
        mqtt.subscribe(TAPS, this::arrived);
    }

    private void arrived(String topic, MqttMessage message) {
        String device = topic.split("/")[2];
        long arrivedAt = System.nanoTime();
        if (gauged.add(device)) {
            Gauge.builder("phoenix.bridge.queue.depth", queues, it -> it.depth(device))
                    .description("Taps of a reader waiting at the bridge, the one in progress included")
                    .tag("device", device).register(metrics);
        }
        queues.submit(device, () -> handle(topic, device, message, arrivedAt));
    }

    private void handle(String topic, String device, MqttMessage message, long arrivedAt) {
        if (!mqtt.holds(message)) {
            return; // its connection is gone: the broker delivers it again
        }
        if (!validDeviceId(device)) {
            // no result topic can be derived from a topic level such as this
            reject(topic, null, null, ErrorCode.INVALID_DEVICE_ID.name(), "The topic names no valid device.", message);
            mqtt.complete(message);
            return;
        }
        Result result;
        try {
            Tap tap = messages.read(device, message.getPayload());
            noticeOrder(device, tap, message);
            result = forward(device, tap, message);
        } catch (Refusal refusal) {
            reject(topic, device, refusal.tapId(), refusal.code().name(), refusal.getMessage(), message);
            result = Result.rejected(refusal.tapId(), refusal.code().name(), refusal.getMessage());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return; // unacknowledged: delivered again, to this bridge after a restart or to another
        }
        if (result == null) {
            return; // stopping, or the connection is gone, while the command side did not answer: the same
        }
        if (Result.REJECTED.equals(result.action()) && DEVICE_REFUSALS.contains(result.code())) {
            reject(topic, device, result.tapId(), result.code(), result.message(), message);
        }
        if (publish(device, result, message)) {
            mqtt.complete(message);
            Counter.builder("phoenix.bridge.taps").description("Taps answered, by reader and action")
                    .tag("device", device).tag("action", result.action()).register(metrics).increment();
            latency.record(System.nanoTime() - arrivedAt, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Taps of one reader must reach the bridge in the order the reader sent them; a broker with a limit on messages
     * in flight may send a newer one first. Counted and said (at most once a minute): the broker needs
     * {@code max_inflight_messages 0}. A tap delivered again after a reconnect is older by nature and not counted.
     */
    private void noticeOrder(String device, Tap tap, MqttMessage message) {
        if (tap.tappedAt() == null || message.isDuplicate()) {
            return;
        }
        Instant before = lastTappedAt.put(device, tap.tappedAt());
        if (before != null && tap.tappedAt().isBefore(before)) {
            lastTappedAt.put(device, before);
            Counter.builder("phoenix.bridge.taps.out.of.order")
                    .description("Taps that arrived after a later tap of the same reader")
                    .tag("device", device).register(metrics).increment();
            long now = System.nanoTime();
            if (now - outOfOrderLoggedAt > Duration.ofMinutes(1).toNanos() || outOfOrderLoggedAt == 0) {
                outOfOrderLoggedAt = now;
                log.warn("Tap {} of reader {} arrived after a later one of the same reader: the broker reorders "
                        + "messages; set max_inflight_messages 0 in its configuration", tap.tapId(), device);
            }
        }
    }

    /** The command side's answer; null if the bridge stops, or loses the tap's connection, before it got one. */
    private Result forward(String device, Tap tap, MqttMessage message) throws InterruptedException {
        Duration pause = properties.retryFirst();
        while (!stopping && mqtt.holds(message)) {
            try {
                return deviceApi.tap(device, tap);
            } catch (DeviceApi.Unavailable unavailable) {
                // CommandSideStatus says what is wrong, once; not every retry of every tap
                log.debug("Command side did not take tap {} of reader {} ({}); again in {} ms", tap.tapId(), device,
                        unavailable.getMessage(), pause.toMillis());
                Thread.sleep(pause.toMillis());
                pause = longer(pause);
            }
        }
        return null;
    }

    /**
     * Publishes the result, trying again with a growing pause while the bridge runs: the connection may be alive
     * (then nothing would bring the tap back) or about to reconnect. False only when stopping or the tap's connection
     * is gone: the tap stays unacknowledged and is delivered again.
     */
    private boolean publish(String device, Result result, MqttMessage tap) {
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A result is always writable", e);
        }
        Duration pause = properties.retryFirst();
        while (!stopping && mqtt.holds(tap)) {
            try {
                mqtt.publish(tap, "phoenix/devices/" + device + "/results", payload, PUBLISH_TIMEOUT);
                return true;
            } catch (MqttException | RuntimeException e) {
                log.warn("Could not publish the result of tap {} to reader {} ({}); again in {} ms", result.tapId(),
                        device, e.toString(), pause.toMillis());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                pause = longer(pause);
            }
        }
        return false;
    }

    private Duration longer(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(properties.retryMax()) < 0 ? doubled : properties.retryMax();
    }

    /** Records a refused message; a failure to record never keeps the reader from its answer. */
    private void reject(String topic, String device, String tapId, String code, String reason, MqttMessage message) {
        try {
            rejections.record(topic, device, tapId, code, reason, message.getPayload().length);
        } catch (RuntimeException e) {
            log.warn("Could not record a refused message of reader {}: {}", device, e.toString());
        }
    }

    private static boolean validDeviceId(String device) {
        try {
            DeviceId.requireValid(device);
            return true;
        } catch (PhoenixException e) {
            return false;
        }
    }

    @Override
    public void start() {
        stopping = false;
    }

    /**
     * Before the MQTT connection closes (see its phase): taps in progress are interrupted, waited for up to 5 s, and
     * stay unacknowledged, so they come again.
     */
    @Override
    public void stop() {
        stopping = true;
        try {
            queues.shutdown(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return !stopping;
    }
}
