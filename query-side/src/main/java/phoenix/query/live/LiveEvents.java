package phoenix.query.live;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live feed of this process: one thread follows the event store from its head, translates what the stream
 * tells ({@link LiveEventTranslator}), puts it in position order ({@link PositionOrder}) and offers it to every open
 * stream ({@link LiveSubscriber}), which decides what its viewer may see and sends it on a thread of its own.
 * <p>
 * A client that reconnects with the position it saw last gets what it missed from the store first: it is
 * registered before the replay, so every later event reaches it live, and the replay reads up to where the feed
 * had got at that moment. Streams are ended when the application stops, before the web server waits for open
 * requests, so that clients reconnect to another instance at once.
 */
@Component
public class LiveEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
    private static final long MAX_POLL_MILLIS = 1000;

    private final EventStore eventStore;
    private final LiveEventTranslator translator;
    private final LiveProperties properties;
    private final Set<LiveSubscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newCachedThreadPool(daemons("live-events-"));
    private final ScheduledExecutorService heartbeats =
            Executors.newSingleThreadScheduledExecutor(daemons("live-events-heartbeat-"));

    /** Guards registering a subscriber against releasing events, and the start of the feed. */
    private final Object feedLock = new Object();
    private TrackingToken head;
    private PositionOrder<LiveEvent> order;
    private volatile boolean running;
    private boolean stopped;
    private Thread feed;

    LiveEvents(EventStore eventStore, LiveEventTranslator translator, LiveProperties properties) {
        this.eventStore = eventStore;
        this.translator = translator;
        this.properties = properties;
    }

    /**
     * Opens a stream for the viewer: live from now, or (with {@code lastEventId}) from the first event after that
     * position.
     */
    SseEmitter subscribe(LiveViewer viewer, Long lastEventId) {
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        LiveSubscriber subscriber = new LiveSubscriber(emitter, viewer, workers, properties.queueCapacity(),
                lastEventId, subscribers::remove);
        emitter.onCompletion(subscriber::close);
        emitter.onError(error -> subscriber.close());
        emitter.onTimeout(() -> {
            subscriber.close();
            emitter.complete();
        });
        long upTo;
        synchronized (feedLock) {
            if (stopped) {
                emitter.complete(); // shutting down: the client reconnects, to another instance
                return emitter;
            }
            open();
            subscribers.add(subscriber);
            upTo = order.released();
        }
        subscriber.start();
        if (lastEventId != null) {
            if (lastEventId >= upTo) {
                subscriber.replayed();
            } else {
                workers.execute(() -> replay(subscriber, lastEventId, upTo));
            }
        }
        return emitter;
    }

    private void replay(LiveSubscriber subscriber, long after, long upTo) {
        TrackingToken last = GapAwareTrackingToken.newInstance(after, Set.of());
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(last)) {
            while (!subscriber.isClosed() && stream.hasNextAvailable()) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                long position = PositionOrder.positionOf(last, message.trackingToken());
                last = message.trackingToken();
                if (position > upTo) {
                    break; // the feed offers it
                }
                Optional<LiveEvent> event = translate(message, position);
                if (event.isPresent() && !subscriber.replay(event.get())) {
                    return;
                }
            }
            subscriber.replayed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            subscriber.finish();
        } catch (RuntimeException e) {
            log.warn("Replaying live events after position {} failed; the stream is closed and its client will "
                    + "resume", after, e);
            subscriber.finish();
        }
    }

    // ---- the feed

    @Override
    public void start() {
        synchronized (feedLock) {
            open();
            running = true;
            feed = new Thread(this::follow, "live-events-feed");
            feed.setDaemon(true);
            feed.start();
        }
        heartbeats.scheduleAtFixedRate(() -> subscribers.forEach(LiveSubscriber::heartbeat),
                properties.heartbeat().toMillis(), properties.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** With the feed lock held: where the feed starts, at the first subscriber or at the start, whichever is first. */
    private void open() {
        if (order == null) {
            head = eventStore.createHeadToken();
            long headPosition = head == null ? 0 : head.position().orElse(0);
            order = new PositionOrder<>(headPosition, properties.gapWait());
        }
    }

    @Override
    public void stop() {
        synchronized (feedLock) {
            stopped = true;
            running = false;
        }
        Thread following = feed;
        if (following != null) {
            following.interrupt();
        }
        heartbeats.shutdownNow();
        subscribers.forEach(LiveSubscriber::finish);
        workers.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        TrackingToken last = head;
        while (running) {
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(last)) {
                while (running) {
                    if (stream.hasNextAvailable(pollMillis(), TimeUnit.MILLISECONDS)) {
                        TrackedEventMessage<?> message = stream.peek().orElseThrow();
                        long position = PositionOrder.positionOf(last, message.trackingToken());
                        LiveEvent event = translate(message, position).orElse(null); // may fail: read again
                        stream.nextAvailable();
                        last = message.trackingToken();
                        if (!order.read(position, event, last, System.nanoTime()) && event != null) {
                            log.warn("Event {} committed more than {} after its position was taken; open live "
                                    + "streams do not get it", position, properties.gapWait());
                        }
                    }
                    release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("The live event feed failed; it goes on in a second from where it was", e);
                    if (!pause()) {
                        return;
                    }
                }
            }
        }
    }

    /** Translates, but skips what cannot be translated except for a database failure, which is tried again. */
    private Optional<LiveEvent> translate(TrackedEventMessage<?> message, long position) {
        try {
            return translator.translate(message, position);
        } catch (DataAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("Event {} cannot be told live and is skipped", position, e);
            return Optional.empty();
        }
    }

    private int pollMillis() {
        long nanos = order.nanosUntilNextRelease(System.nanoTime());
        return (int) Math.max(1, Math.min(MAX_POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(nanos) + 1));
    }

    private void release() {
        synchronized (feedLock) {
            List<LiveEvent> events = order.releasable(System.nanoTime());
            for (LiveEvent event : events) {
                subscribers.forEach(subscriber -> subscriber.offer(event));
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(1000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
