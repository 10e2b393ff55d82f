package phoenix.bridge.taps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import phoenix.bridge.mqtt.MqttProperties;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Where a reader's tap arrives: {@code phoenix/devices/{deviceId}/taps} in, {@code .../results} out.
 * <p>
 * At least once in, exactly once in effect: a tap is acknowledged to the broker only after its result is published,
 * so a crash anywhere before means the broker delivers it again, and the command side answers a tap id it knows
 * with its first answer, changing nothing. While the command side does not answer, the tap is tried again with a
 * growing pause, in order with the reader's other taps; other readers go on. A malformed message gets a
 * "rejected" result (when its topic names a reader), is recorded, and is acknowledged: it never comes back and
 * never holds up the next one.
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
    // not "not yet started": taps of the persistent session arrive as soon as the connection (an earlier phase) is up
    private volatile boolean stopping;

    TapBridge(MqttConnection mqtt, TapMessages messages, DeviceApi deviceApi, Rejections rejections,
              ObjectMapper json, BridgeProperties properties, MqttProperties mqttProperties) {
        this.mqtt = mqtt;
        this.messages = messages;
        this.deviceApi = deviceApi;
        this.rejections = rejections;
        this.json = json;
        this.properties = properties;
        this.queues = new DeviceQueues(properties.workers());
        String group = mqttProperties.sharedGroup();
        mqtt.subscribe(group == null || group.isBlank() ? TAPS : "$share/" + group + "/" + TAPS, TAPS, this::arrived);
    }

    private void arrived(String topic, MqttMessage message) {
        String device = topic.split("/")[2];
        queues.submit(device, () -> handle(topic, device, message));
    }

    private void handle(String topic, String device, MqttMessage message) {
        if (!validDeviceId(device)) {
            // no result topic can be derived from a topic level such as this
            reject(topic, null, null, ErrorCode.INVALID_DEVICE_ID.name(), "The topic names no valid device.", message);
            mqtt.complete(message);
            return;
        }
        Result result;
        try {
            result = forward(device, messages.read(device, message.getPayload()));
        } catch (Refusal refusal) {
            reject(topic, device, refusal.tapId(), refusal.code().name(), refusal.getMessage(), message);
            result = Result.rejected(refusal.tapId(), refusal.code().name(), refusal.getMessage());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return; // unacknowledged: delivered again, to this bridge after a restart or to another
        }
        if (result == null) {
            return; // stopping while the command side did not answer: the same
        }
        if (Result.REJECTED.equals(result.action()) && DEVICE_REFUSALS.contains(result.code())) {
            reject(topic, device, result.tapId(), result.code(), result.message(), message);
        }
        if (publish(device, result)) {
            mqtt.complete(message);
        }
    }

    /** The command side's answer; null if the bridge stops before it got one. */
    private Result forward(String device, Tap tap) throws InterruptedException {
        Duration pause = properties.retryFirst();
        while (!stopping) {
            try {
                return deviceApi.tap(device, tap);
            } catch (DeviceApi.Unavailable unavailable) {
                log.warn("Command side did not take tap {} of reader {} ({}); again in {} ms", tap.tapId(), device,
                        unavailable.getMessage(), pause.toMillis());
                Thread.sleep(pause.toMillis());
                pause = longer(pause);
            }
        }
        return null;
    }

    /**
     * Publishes the result, trying again with a growing pause while the bridge runs: the connection may be alive
     * (then nothing would bring the tap back) or about to reconnect. False only when stopping: the tap stays
     * unacknowledged and is delivered again.
     */
    private boolean publish(String device, Result result) {
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A result is always writable", e);
        }
        Duration pause = properties.retryFirst();
        while (!stopping) {
            try {
                mqtt.publish("phoenix/devices/" + device + "/results", payload, false, PUBLISH_TIMEOUT);
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
