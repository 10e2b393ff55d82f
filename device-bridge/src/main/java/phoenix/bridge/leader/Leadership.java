package phoenix.bridge.leader;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import phoenix.bridge.mqtt.MqttConnection;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One bridge instance at a time carries the readers' taps: the one holding the lease (iot.bridge_lease). All
 * instances use the same MQTT client id and persistent session, so the leader receives every tap, in the order each
 * reader sent it, including those queued while no instance led; the others stand by and take the session over when
 * the leader's lease expires (a crash: within the lease's ttl) or is released (a clean stop: at the next renewal).
 * <p>
 * A leader that cannot renew its lease in time closes its broker connection before the lease can go to another
 * instance; should it be slower than that (a paused process), the broker itself ends the older of two connections
 * with the same client id. Taps it had not acknowledged are delivered again to the new leader, and the command side
 * answers a tap id it knows with its first answer.
 * <p>
 * On taking over, sessions of client ids that bridges used before but no longer use are drained and deleted first,
 * so that changing {@code phoenix.mqtt.client-id} leaves no tap queued for ever.
 */
@Component
public class Leadership implements SmartLifecycle {

    public enum Role { STARTING, STANDBY, TAKING_OVER, LEADING }

    private static final Logger log = LoggerFactory.getLogger(Leadership.class);
    private static final Duration RETRY_TAKE_OVER = Duration.ofSeconds(2);
    private static final Duration LOG_AGAIN_AFTER = Duration.ofMinutes(1);

    private final BridgeLease lease;
    private final BridgeSessions sessions;
    private final MqttConnection mqtt;
    private final LeaseProperties properties;
    private final String instance = instanceName();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, daemon("bridge-lease"));
    private final ExecutorService takeOvers = Executors.newSingleThreadExecutor(daemon("bridge-take-over"));

    private volatile Role role = Role.STARTING;
    private volatile boolean running;
    // changes whenever this instance starts or stops leading: a take-over of an earlier term gives up
    private long term;
    private volatile long validUntilNanos;
    private volatile long databaseTroubleLoggedAt;

    Leadership(BridgeLease lease, BridgeSessions sessions, MqttConnection mqtt, LeaseProperties properties,
               MeterRegistry metrics) {
        this.lease = lease;
        this.sessions = sessions;
        this.mqtt = mqtt;
        this.properties = properties;
        Gauge.builder("phoenix.bridge.leader", this, it -> it.role == Role.LEADING ? 1 : 0)
                .description("1 while this instance carries the taps").register(metrics);
        Gauge.builder("phoenix.bridge.mqtt.connected", mqtt, it -> it.isConnected() ? 1 : 0)
                .description("1 while connected to the broker").register(metrics);
        Gauge.builder("phoenix.bridge.mqtt.subscribed", mqtt, it -> it.isSubscribed() ? 1 : 0)
                .description("1 while connected and the broker confirmed the subscriptions").register(metrics);
    }

    public Role role() {
        return role;
    }

    /** This instance's name in the lease: host, process and a random part. */
    public String instance() {
        return instance;
    }

    /** Who leads now, if anyone (read from the database). */
    public Optional<String> leader() {
        return lease.current().map(BridgeLease.Holder::holder);
    }

    @Override
    public void start() {
        running = true;
        long renewal = properties.renewal().toMillis();
        timers.scheduleWithFixedDelay(this::renew, 0, renewal, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::watchDeadline, renewal / 4, Math.max(renewal / 4, 10),
                TimeUnit.MILLISECONDS);
    }

    /** After the taps in progress (an earlier phase) have ended: leaves the session and frees the lease at once. */
    @Override
    public void stop() {
        synchronized (this) {
            running = false;
            if (role == Role.LEADING || role == Role.TAKING_OVER) {
                stepDown("the bridge stops");
            }
        }
        timers.shutdownNow();
        takeOvers.shutdownNow();
        try {
            lease.release(instance);
        } catch (RuntimeException e) {
            log.warn("Could not release the bridge lease; another instance takes over once it expires: {}",
                    e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    private void renew() {
        long started = System.nanoTime();
        boolean held;
        try {
            held = lease.acquire(instance, properties.ttl());
        } catch (RuntimeException e) {
            // a leader keeps going until its deadline (watchDeadline); nobody can take the lease meanwhile either
            logDatabaseTrouble(e);
            return;
        }
        synchronized (this) {
            if (!running) {
                return;
            }
            if (held) {
                validUntilNanos = started + properties.ttl().minus(properties.renewal()).toNanos();
                if (role == Role.STARTING || role == Role.STANDBY) {
                    role = Role.TAKING_OVER;
                    long taking = ++term;
                    log.info("Bridge {} holds the lease: it carries the taps now", instance);
                    takeOvers.execute(() -> takeOver(taking));
                }
            } else {
                if (role == Role.LEADING || role == Role.TAKING_OVER) {
                    stepDown("another instance holds the lease");
                }
                role = Role.STANDBY;
            }
        }
    }

    private void watchDeadline() {
        synchronized (this) {
            if ((role == Role.LEADING || role == Role.TAKING_OVER) && System.nanoTime() - validUntilNanos > 0) {
                stepDown("its lease could not be renewed in time");
                role = Role.STANDBY;
            }
        }
    }

    private void stepDown(String reason) {
        term++;
        mqtt.close();
        log.warn("Bridge {} stops carrying the taps: {}", instance, reason);
    }

    private void takeOver(long taking) {
        while (isTerm(taking)) {
            try {
                sessions.connecting(mqtt.clientId());
                List<String> stale = sessions.otherThan(mqtt.clientId());
                if (!stale.isEmpty()) {
                    mqtt.subscribeWhileAway();
                    for (String clientId : stale) {
                        log.info("Draining the MQTT session of client id {}, no longer configured", clientId);
                        if (!mqtt.drain(clientId, () -> isTerm(taking))) {
                            throw new IllegalStateException("the session of " + clientId + " is not drained yet");
                        }
                        sessions.forget(clientId);
                        log.info("The MQTT session of client id {} is drained and deleted", clientId);
                    }
                }
                synchronized (this) {
                    if (isTerm(taking)) {
                        mqtt.open();
                        role = Role.LEADING;
                    }
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (isTerm(taking)) {
                    log.warn("Taking over the taps failed, again in {} s: {}", RETRY_TAKE_OVER.toSeconds(),
                            e.toString());
                }
                try {
                    Thread.sleep(RETRY_TAKE_OVER.toMillis());
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private synchronized boolean isTerm(long taking) {
        return running && term == taking && (role == Role.TAKING_OVER || role == Role.LEADING);
    }

    private void logDatabaseTrouble(RuntimeException e) {
        long now = System.nanoTime();
        if (databaseTroubleLoggedAt == 0 || now - databaseTroubleLoggedAt > LOG_AGAIN_AFTER.toNanos()) {
            databaseTroubleLoggedAt = now;
            log.error("Bridge {} cannot reach the database to renew or take the lease ({}); a leader stops "
                    + "carrying the taps when its lease runs out", instance, e.toString());
        }
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
