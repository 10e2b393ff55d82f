package phoenix.platform.axon;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EmbeddedEventStore} that reacts as soon as events are appended, by this process or (told by
 * {@link #eventsAppendedElsewhere()}) by another one.
 * <p>
 * Axon's pooled streaming processor only waits for new events without polling when its stream can call it back;
 * the embedded store's streams cannot, so the processor looks again every 500 ms, and a projection would lag a
 * command by a quarter of a second on average. Here every stream accepts a callback, and a sentinel consumer of the
 * store's own event cache calls them all the moment the cache has new events.
 */
public class ListeningEventStore extends EmbeddedEventStore {

    private static final Logger log = LoggerFactory.getLogger(ListeningEventStore.class);

    private final Set<Runnable> availabilityCallbacks = ConcurrentHashMap.newKeySet();
    private volatile Thread sentinel;

    ListeningEventStore(Builder builder) {
        super(builder);
    }

    /** Wakes the event producer if it is waiting for its next poll; a no-op otherwise. */
    public void eventsAppendedElsewhere() {
        afterCommit(List.of());
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new CallingBackStream(super.openStream(trackingToken));
    }

    @Override
    public void shutDown() {
        Thread running = sentinel;
        sentinel = null;
        if (running != null) {
            running.interrupt();
        }
        super.shutDown();
    }

    private synchronized void ensureSentinel() {
        if (sentinel == null) {
            sentinel = new Thread(this::watchCache, "event-store-sentinel");
            sentinel.setDaemon(true);
            sentinel.start();
        }
    }

    private void watchCache() {
        TrackingEventStream stream = super.openStream(createHeadToken());
        try {
            while (sentinel == Thread.currentThread()) {
                if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    while (stream.hasNextAvailable()) {
                        stream.nextAvailable();
                    }
                    availabilityCallbacks.forEach(Runnable::run);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("The event store sentinel stopped; processors fall back to polling", e);
        } finally {
            stream.close();
        }
    }

    private final class CallingBackStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private volatile Runnable callback;

        private CallingBackStream(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            availabilityCallbacks.add(callback);
            ensureSentinel();
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                availabilityCallbacks.remove(registered);
            }
            delegate.close();
        }
    }
}
