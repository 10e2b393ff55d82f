package phoenix.bridge.mqtt;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The bridge's one connection to the MQTT broker. It starts with the application but never holds it up: a broker
 * that is down at start-up is retried in the background (1 s, doubling to 30 s), and once connected, Paho's automatic
 * reconnect keeps the connection. Health reads {@link #isConnected()}.
 */
@Component
public class MqttConnection implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MqttConnection.class);

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final long DISCONNECT_TIMEOUT_MILLIS = 5_000;

    private final MqttProperties properties;
    // both replaced on every start, so that a stopped connection can start again
    private volatile MqttAsyncClient client;
    private volatile ScheduledExecutorService retries;
    private volatile boolean running;

    public MqttConnection(MqttProperties properties) {
        this.properties = properties;
    }

    public boolean isConnected() {
        MqttAsyncClient current = client;
        return current != null && current.isConnected();
    }

    public String brokerUrl() {
        return properties.brokerUrl();
    }

    @Override
    public void start() {
        try {
            client = new MqttAsyncClient(properties.brokerUrl(), properties.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            // a malformed broker URL fails start-up: that is a configuration error, not an outage
            throw new IllegalStateException("Cannot create an MQTT client for " + brokerUrl(), e);
        }
        client.setCallback(new LoggingCallback());
        retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mqtt-first-connect");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        MqttAsyncClient starting = client;
        retries.execute(() -> connect(starting, FIRST_RETRY));
    }

    @Override
    public void stop() {
        running = false;
        retries.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(DISCONNECT_TIMEOUT_MILLIS);
            }
        } catch (MqttException e) {
            log.debug("MQTT disconnect from {} failed: {}", brokerUrl(), e.toString());
        }
        try {
            // also ends a connection attempt in flight, which close() alone refuses; once closed, a pending
            // automatic reconnect of Paho's fails instead of connecting again
            client.disconnectForcibly(0, DISCONNECT_TIMEOUT_MILLIS, false);
            client.close();
        } catch (MqttException e) {
            log.debug("MQTT client for {} did not close cleanly: {}", brokerUrl(), e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    // Paho's automatic reconnect only starts after a first successful connect, so the first one is ours to retry
    private void connect(MqttAsyncClient attempting, Duration retryAfterFailure) {
        if (!isCurrent(attempting)) {
            return;
        }
        try {
            attempting.connect(options(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // logged by connectComplete; from here on Paho reconnects by itself
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    retry(attempting, retryAfterFailure, failure);
                }
            });
        } catch (MqttException | RuntimeException e) {
            retry(attempting, retryAfterFailure, e);
        }
    }

    private void retry(MqttAsyncClient attempting, Duration delay, Throwable failure) {
        // also runs on Paho's callback thread, which must not see an exception
        try {
            if (!isCurrent(attempting)) {
                return;
            }
            log.warn("MQTT broker {} not reachable, next attempt in {} s: {}", brokerUrl(), delay.toSeconds(),
                    failure.toString());
            Duration next = delay.multipliedBy(2).compareTo(MAX_RETRY) < 0 ? delay.multipliedBy(2) : MAX_RETRY;
            retries.schedule(() -> connect(attempting, next), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            if (isCurrent(attempting)) {
                log.error("MQTT connection attempts to {} stopped", brokerUrl(), e);
            }
        }
    }

    // false once stopped, and for the attempts of a client that an earlier start created
    private boolean isCurrent(MqttAsyncClient attempting) {
        return running && attempting == client;
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay((int) MAX_RETRY.toMillis());
        // the broker keeps our subscriptions and queued QoS 1 messages while we are away
        options.setCleanSession(false);
        options.setConnectionTimeout((int) properties.connectTimeout().toSeconds());
        options.setKeepAliveInterval((int) properties.keepAlive().toSeconds());
        if (properties.username() != null) {
            options.setUserName(properties.username());
            if (properties.password() != null) {
                options.setPassword(properties.password().toCharArray());
            }
        }
        return options;
    }

    // An exception thrown from a Paho callback drops the connection: every method catches everything.
    private final class LoggingCallback implements MqttCallbackExtended {

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            try {
                log.info("MQTT {} to {} as {}", reconnect ? "reconnected" : "connected", serverUri,
                        properties.clientId());
            } catch (RuntimeException e) {
                // nothing to do: the connection is fine
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            try {
                // stop() ending an attempt in flight lands here too: that is no loss worth a warning
                if (running) {
                    log.warn("MQTT connection to {} lost ({}), reconnecting", brokerUrl(),
                            cause == null ? "no reason given" : cause.getMessage());
                }
            } catch (RuntimeException e) {
                // nothing to do: Paho reconnects regardless
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // no subscriptions yet: tap forwarding comes later
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // nothing published yet
        }
    }
}
