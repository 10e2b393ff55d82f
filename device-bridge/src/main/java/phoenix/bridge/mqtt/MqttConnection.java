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
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The bridge's connection to the MQTT broker, opened only while this instance leads (see
 * {@code phoenix.bridge.leader.Leadership}): every bridge instance uses the same client id and persistent session,
 * so whichever instance leads receives the taps queued while another one led or none did.
 * <p>
 * {@link #open()} never holds anything up: a broker that is down is retried in the background (1 s, doubling to
 * 30 s), and once connected, Paho's automatic reconnect keeps the connection; subscriptions are renewed on every
 * connect. Messages are acknowledged by hand ({@link #complete}): only once the bridge has dealt with a message may
 * the broker forget it; until then a crash, a lost connection or a lost lease means it is delivered again.
 * <p>
 * A session under a client id that is no longer configured would keep its subscriptions and queue taps for ever:
 * {@link #drain} answers what it holds and deletes it.
 */
@Component
public class MqttConnection implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MqttConnection.class);

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final long DISCONNECT_TIMEOUT_MILLIS = 2_000;
    private static final long OPERATION_TIMEOUT_MILLIS = 10_000;
    // a drained session is done once nothing arrived for this long and everything that did is acknowledged
    private static final Duration DRAINED_AFTER = Duration.ofSeconds(2);
    private static final int MAX_INFLIGHT = 1000;

    /** Handles a message that arrived; must call {@link #complete} when done with it, from any thread. */
    public interface Handler {
        void arrived(String topic, MqttMessage message);
    }

    private record Subscription(String filter, Handler handler) {
    }

    /** What a connection is for. */
    private enum Role {
        /** the configured session: subscribes on every connect, hands messages to the handlers */
        MAIN,
        /** a session to drain: hands what it still holds to the handlers */
        DRAIN,
        /** subscribes the configured session while away: handles nothing, acknowledges nothing */
        HOLD
    }

    private final MqttProperties properties;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    // which connection delivered a message still being handled: it is acknowledged, and answered, on that one
    private final Map<MqttMessage, Link> deliveries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mqtt-connect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Link main;
    private volatile Link draining;

    public MqttConnection(MqttProperties properties) {
        this.properties = properties;
    }

    /** Subscribes (QoS 1) to {@code filter} from the next connect on and hands every matching message to the handler. */
    public void subscribe(String filter, Handler handler) {
        subscriptions.add(new Subscription(filter, handler));
    }

    /** Connects under the configured client id, in the background, retrying until connected or closed. */
    public synchronized void open() {
        if (main != null) {
            return;
        }
        Link link = new Link(properties.clientId(), Role.MAIN);
        main = link;
        retries.execute(() -> connect(link, FIRST_RETRY));
    }

    /**
     * Ends every connection at once. What they delivered and the bridge has not acknowledged stays with the broker
     * and is delivered again to whoever connects under the client id next.
     */
    public synchronized void close() {
        for (Link link : new Link[] {main, draining}) {
            if (link != null) {
                link.close();
            }
        }
        main = null;
        draining = null;
    }

    @Override
    public void destroy() {
        close();
        retries.shutdownNow();
    }

    /**
     * Connects the configured session, subscribes it and disconnects again, handling nothing: from now on the broker
     * queues taps for it. Done before another session is drained, so that no tap published meanwhile reaches nobody.
     */
    public void subscribeWhileAway() throws MqttException {
        Link link = new Link(properties.clientId(), Role.HOLD);
        try {
            link.client.connect(options(false, false)).waitForCompletion(OPERATION_TIMEOUT_MILLIS);
            link.client.subscribe(filters(), qos()).waitForCompletion(OPERATION_TIMEOUT_MILLIS);
            link.client.disconnect(0).waitForCompletion(OPERATION_TIMEOUT_MILLIS);
        } finally {
            link.close();
        }
    }

    /**
     * Takes over the persistent session of {@code clientId}, a client id no longer configured: stops its
     * subscriptions, hands every message still queued in it to the handlers, and once they are all acknowledged,
     * deletes the session from the broker. Returns early (the session left as it is) when {@code stillWanted} turns
     * false or the connection drops; then it is to be drained again later.
     *
     * @return whether the session is gone
     */
    public boolean drain(String clientId, BooleanSupplier stillWanted) throws MqttException, InterruptedException {
        Link link = new Link(clientId, Role.DRAIN);
        synchronized (this) {
            if (!stillWanted.getAsBoolean()) {
                return false;
            }
            draining = link;
        }
        try {
            IMqttToken connected = link.client.connect(options(false, false));
            connected.waitForCompletion(OPERATION_TIMEOUT_MILLIS);
            if (connected.getSessionPresent()) {
                // taps published from now on go only to the configured session (subscribed before)
                link.client.unsubscribe(filters()).waitForCompletion(OPERATION_TIMEOUT_MILLIS);
                while (!link.drained()) {
                    if (!stillWanted.getAsBoolean() || !link.client.isConnected()) {
                        return false;
                    }
                    Thread.sleep(100);
                }
            }
            link.client.disconnect(DISCONNECT_TIMEOUT_MILLIS).waitForCompletion(OPERATION_TIMEOUT_MILLIS);
            // a clean session connect deletes what the broker kept under the id
            link.client.connect(options(true, false)).waitForCompletion(OPERATION_TIMEOUT_MILLIS);
            link.client.disconnect(0).waitForCompletion(OPERATION_TIMEOUT_MILLIS);
            return true;
        } finally {
            synchronized (this) {
                if (draining == link) {
                    draining = null;
                }
            }
            link.close();
        }
    }

    /** Acknowledges the message: the broker may forget it. */
    public void complete(MqttMessage message) {
        Link link = deliveries.remove(message);
        if (link == null) {
            return; // its connection was closed: the broker delivers it again, to whoever leads
        }
        try {
            link.client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            // the connection is gone: the broker delivers the message again, the next time is harmless
            log.debug("Could not acknowledge MQTT message {}: {}", message.getId(), e.toString());
        }
    }

    /**
     * Whether the message is still ours to handle: false once the connection that delivered it was closed (the lease
     * went elsewhere, the bridge stops), after which only its next delivery may be answered and acknowledged.
     */
    public boolean holds(MqttMessage message) {
        return deliveries.containsKey(message);
    }

    /**
     * Publishes at QoS 1, on the connection that delivered {@code cause}, and waits until the broker has it (or the
     * timeout passed).
     */
    public void publish(MqttMessage cause, String topic, byte[] payload, Duration timeout) throws MqttException {
        Link link = deliveries.get(cause);
        if (link == null) {
            throw new MqttException(MqttException.REASON_CODE_CLIENT_NOT_CONNECTED);
        }
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        link.client.publish(topic, message).waitForCompletion(timeout.toMillis());
    }

    public boolean isConnected() {
        Link link = main;
        return link != null && link.client.isConnected();
    }

    /** Connected, and the broker has confirmed every subscription: from now on no message for us passes us by. */
    public boolean isSubscribed() {
        Link link = main;
        return link != null && link.subscribed && link.client.isConnected();
    }

    public String brokerUrl() {
        return properties.brokerUrl();
    }

    /** The client id every bridge instance connects with. */
    public String clientId() {
        return properties.clientId();
    }

    // Paho's automatic reconnect only starts after a first successful connect, so the first one is ours to retry
    private void connect(Link link, Duration retryAfterFailure) {
        if (link != main) {
            return;
        }
        try {
            link.client.connect(options(false, true), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // logged by connectComplete; from here on Paho reconnects by itself
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    retry(link, retryAfterFailure, failure);
                }
            });
        } catch (MqttException | RuntimeException e) {
            retry(link, retryAfterFailure, e);
        }
    }

    private void retry(Link link, Duration delay, Throwable failure) {
        // also runs on Paho's callback thread, which must not see an exception
        try {
            if (link != main) {
                return;
            }
            log.warn("MQTT broker {} not reachable, next attempt in {} s: {}", brokerUrl(), delay.toSeconds(),
                    failure.toString());
            Duration next = delay.multipliedBy(2).compareTo(MAX_RETRY) < 0 ? delay.multipliedBy(2) : MAX_RETRY;
            retries.schedule(() -> connect(link, next), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            if (link == main) {
                log.error("MQTT connection attempts to {} stopped", brokerUrl(), e);
            }
        }
    }

    private String[] filters() {
        return subscriptions.stream().map(Subscription::filter).toArray(String[]::new);
    }

    private int[] qos() {
        int[] qos = new int[subscriptions.size()];
        Arrays.fill(qos, 1);
        return qos;
    }

    private MqttConnectOptions options(boolean cleanSession, boolean reconnect) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(reconnect);
        options.setMaxReconnectDelay((int) MAX_RETRY.toMillis());
        // the broker keeps our subscriptions and queued QoS 1 messages while we are away
        options.setCleanSession(cleanSession);
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

    /**
     * One Paho client under one client id. An exception thrown from a Paho callback drops the connection: every
     * callback catches everything.
     */
    private final class Link implements MqttCallbackExtended {

        final MqttAsyncClient client;
        private final Role role;
        private volatile boolean subscribed;
        private volatile boolean closed;
        private volatile long lastArrival = System.nanoTime();

        Link(String clientId, Role role) {
            try {
                client = new MqttAsyncClient(properties.brokerUrl(), clientId, new MemoryPersistence());
            } catch (MqttException e) {
                // a malformed broker URL or client id: a configuration error, not an outage
                throw new IllegalStateException("Cannot create an MQTT client for " + brokerUrl(), e);
            }
            this.role = role;
            client.setCallback(this);
            client.setManualAcks(true);
        }

        /** Nothing arrived for a while, and everything that did is acknowledged. */
        boolean drained() {
            return System.nanoTime() - lastArrival > DRAINED_AFTER.toNanos() && !deliveries.containsValue(this);
        }

        void close() {
            closed = true;
            deliveries.values().removeIf(link -> link == this);
            try {
                if (client.isConnected()) {
                    client.disconnect(0).waitForCompletion(DISCONNECT_TIMEOUT_MILLIS);
                }
            } catch (MqttException | RuntimeException e) {
                log.debug("MQTT disconnect of {} failed: {}", client.getClientId(), e.toString());
            }
            try {
                // also ends a connection attempt in flight, which close() alone refuses; once closed, a pending
                // automatic reconnect of Paho's fails instead of connecting again
                client.disconnectForcibly(0, DISCONNECT_TIMEOUT_MILLIS, false);
                client.close();
            } catch (MqttException | RuntimeException e) {
                log.debug("MQTT client {} did not close cleanly: {}", client.getClientId(), e.toString());
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            try {
                log.info("MQTT {} to {} as {}", reconnect ? "reconnected" : "connected", serverUri,
                        client.getClientId());
                if (role != Role.MAIN) {
                    return;
                }
                subscribed = false;
                String[] filters = filters();
                // waiting for the token here would block Paho's callback thread: the listener says when it is done
                client.subscribe(filters, qos(), null, new IMqttActionListener() {
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
                // closing a connection ourselves lands here too: that is no loss worth a warning
                if (!closed) {
                    log.warn("MQTT connection of {} to {} lost ({}){}", client.getClientId(), brokerUrl(),
                            cause == null ? "no reason given" : cause.getMessage(), role == Role.MAIN ? ", reconnecting" : "");
                }
            } catch (RuntimeException e) {
                // nothing to do: Paho reconnects regardless
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                lastArrival = System.nanoTime();
                if (closed || role == Role.HOLD) {
                    return; // unacknowledged: delivered again at the session's next connect
                }
                deliveries.put(message, this);
                for (Subscription subscription : subscriptions) {
                    if (MqttTopic.isMatched(subscription.filter(), topic)) {
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
