package phoenix.bridge.mqtt;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The bridge's one connection to the MQTT broker. It starts with the application but never holds it up: a broker
 * that is down at start-up is retried in the background (1 s, doubling to 30 s), and once connected, Paho's automatic
 * reconnect keeps the connection. Health reads {@link #isSubscribed()}.
 * <p>
 * Messages are acknowledged by hand ({@link #complete}): only once the bridge has dealt with a message may the
 * broker forget it; until then a crash or a lost connection means it is delivered again. The session is persistent,
 * so the broker keeps the subscriptions and queues messages while the bridge is away; they are renewed on every
 * connect anyway.
 */
@Component
public class MqttConnection implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MqttConnection.class);

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final long DISCONNECT_TIMEOUT_MILLIS = 5_000;

    /** Handles a message that arrived; must call {@link #complete} when done with it, from any thread. */
    public interface Handler {
        void arrived(String topic, MqttMessage message);
    }

    private record Subscription(String filter, String matches, Handler handler) {
    }

    private final MqttProperties properties;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    // both replaced on every start, so that a stopped connection can start again
    private volatile MqttAsyncClient client;
    private volatile ScheduledExecutorService retries;
    private volatile boolean running;
    // until the broker confirmed the subscriptions of this connection, taps may not reach us yet
    private volatile boolean subscribed;

    public MqttConnection(MqttProperties properties) {
        this.properties = properties;
    }

    /**
     * Subscribes (QoS 1) to {@code filter} from the next connect on, and hands every message whose topic matches
     * {@code matches} (a filter without a {@code $share/group/} prefix) to {@code handler}.
     */
    public void subscribe(String filter, String matches, Handler handler) {
        subscriptions.add(new Subscription(filter, matches, handler));
    }

    /** Acknowledges the message: the broker may forget it. */
    public void complete(MqttMessage message) {
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            // the connection is gone: the broker delivers the message again, the next time is harmless
            log.debug("Could not acknowledge MQTT message {}: {}", message.getId(), e.toString());
        }
    }

    /** Publishes at QoS 1 and waits until the broker has it (or the timeout passed). */
    public void publish(String topic, byte[] payload, boolean retained, Duration timeout) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(retained);
        client.publish(topic, message).waitForCompletion(timeout.toMillis());
    }

    public boolean isConnected() {
        MqttAsyncClient current = client;
        return current != null && current.isConnected();
    }

    /** Connected, and the broker has confirmed every subscription: from now on no message for us passes us by. */
    public boolean isSubscribed() {
        return subscribed && isConnected();
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
        client.setManualAcks(true);
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

    /** Starts before, and stops after, whoever handles its messages: they finish while it can still acknowledge. */
    @Override
    public int getPhase() {
        return 0;
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

    private static final int MAX_INFLIGHT = 1000;

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay((int) MAX_RETRY.toMillis());
        // the broker keeps our subscriptions and queued QoS 1 messages while we are away
        options.setCleanSession(false);
        // Paho's default of 10 unconfirmed publishes is fewer than the workers publishing results at once: the rest
        // would fail with "too many publishes in progress" (32202) on a healthy connection
        options.setMaxInflight(MAX_INFLIGHT);
        options.setConnectionTimeout((int) properties.connectTimeout().toSeconds());
        options.setKeepAliveInterval((int) properties.keepAlive().toSeconds());
        if (properties.brokerUrl().startsWith("tcp://")) {
            options.setSocketFactory(new NoDelaySockets());
        }
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
                subscribed = false;
                String[] filters = subscriptions.stream().map(Subscription::filter).toArray(String[]::new);
                int[] qos = new int[filters.length];
                Arrays.fill(qos, 1);
                // waiting for the token here would block Paho's callback thread: the listener says when it is done
                client.subscribe(filters, qos, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        subscribed = Arrays.stream(token.getGrantedQos()).noneMatch(granted -> granted > 2);
                        if (!subscribed) {
                            log.error("MQTT broker {} refused a subscription of {}", serverUri, List.of(filters));
                        }
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable failure) {
                        log.error("MQTT subscriptions on {} failed", serverUri, failure);
                    }
                });
            } catch (MqttException | RuntimeException e) {
                log.error("MQTT subscriptions on {} failed; reconnecting to try again", serverUri, e);
                try {
                    client.disconnect();
                } catch (MqttException | RuntimeException ignored) {
                    // Paho reconnects regardless
                }
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            subscribed = false;
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
            try {
                for (Subscription subscription : subscriptions) {
                    if (MqttTopic.isMatched(subscription.matches(), topic)) {
                        subscription.handler().arrived(topic, message);
                        return;
                    }
                }
                complete(message); // nobody's: not ours to keep
            } catch (RuntimeException e) {
                // never into Paho: the message stays unacknowledged and comes again after a reconnect
                log.error("Handling an MQTT message on {} failed", topic, e);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // publish() waits for its own token
        }
    }
}
