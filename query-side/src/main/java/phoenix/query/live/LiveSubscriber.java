package phoenix.query.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One open stream. Whoever offers events (the feed's thread, a replay, the heartbeat) only queues them; one task at
 * a time on the shared sender pool writes them to the connection, so a slow client blocks nobody but its own
 * sender. A client that lets more than the queue's capacity pile up is closed: it reconnects and resumes.
 * <p>
 * Events are queued in position order and each position at most once. While a reconnecting client's missed events
 * are replayed, live events are held aside and queued after the replay, those the replay already had skipped.
 */
final class LiveSubscriber {

    private static final Logger log = LoggerFactory.getLogger(LiveSubscriber.class);

    private record Comment(String text) {
    }

    private final SseEmitter emitter;
    private final LiveViewer viewer;
    private final Executor senders;
    private final int capacity;
    private final Consumer<LiveSubscriber> onClose;

    private final Object lock = new Object();
    private final ArrayDeque<Object> outbox = new ArrayDeque<>();
    /** Live events that came during the replay; null when live. */
    private List<LiveEvent> heldDuringReplay;
    private long lastQueued;
    private boolean sending;
    private boolean closed;

    /** @param lastEventId the position the client has seen, or null to start live */
    LiveSubscriber(SseEmitter emitter, LiveViewer viewer, Executor senders, int capacity, Long lastEventId,
                   Consumer<LiveSubscriber> onClose) {
        this.emitter = emitter;
        this.viewer = viewer;
        this.senders = senders;
        this.capacity = capacity;
        this.onClose = onClose;
        this.lastQueued = lastEventId == null ? Long.MIN_VALUE : lastEventId;
        this.heldDuringReplay = lastEventId == null ? null : new ArrayList<>();
        outbox.add(new Comment("connected"));
    }

    /** Sends what is queued so far: the greeting, which tells the client it is subscribed. */
    void start() {
        synchronized (lock) {
            sendLater();
        }
    }

    /** A live event, from the feed's thread: never blocks. */
    void offer(LiveEvent event) {
        boolean overflow;
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (heldDuringReplay != null) {
                overflow = heldDuringReplay.size() >= capacity;
                if (!overflow) {
                    heldDuringReplay.add(event);
                }
            } else {
                overflow = !queue(event);
            }
        }
        if (overflow) {
            overflowed();
        }
    }

    /** A missed event, from the replay: waits while the queue is full. False once the stream is closed. */
    boolean replay(LiveEvent event) throws InterruptedException {
        synchronized (lock) {
            while (!closed && outbox.size() >= capacity) {
                lock.wait(1000);
            }
            if (closed) {
                return false;
            }
            queue(event);
            return true;
        }
    }

    /** The replay is over: the live events held aside follow, those already replayed skipped. */
    void replayed() {
        boolean overflow = false;
        synchronized (lock) {
            if (closed || heldDuringReplay == null) {
                return;
            }
            for (LiveEvent event : heldDuringReplay) {
                overflow |= !queue(event);
            }
            heldDuringReplay = null;
        }
        if (overflow) {
            overflowed();
        }
    }

    void heartbeat() {
        synchronized (lock) {
            if (!closed && outbox.isEmpty()) {
                outbox.add(new Comment("heartbeat"));
                sendLater();
            }
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Stops queueing and forgets what was queued; the connection itself is left to whoever closes it. */
    void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            outbox.clear();
            heldDuringReplay = null;
            lock.notifyAll();
        }
        onClose.accept(this);
    }

    /** Closes the stream and ends the response (on a sender: completing waits for a write in progress). */
    void finish() {
        close();
        try {
            senders.execute(emitter::complete);
        } catch (RejectedExecutionException e) {
            emitter.complete();
        }
    }

    /** With the lock held: false when the queue is full. */
    private boolean queue(LiveEvent event) {
        if (event.position() <= lastQueued) {
            return true;
        }
        if (outbox.size() >= capacity) {
            return false;
        }
        outbox.add(event);
        lastQueued = event.position();
        sendLater();
        return true;
    }

    private void overflowed() {
        log.info("A live stream fell more than {} events behind and is closed; its client will resume", capacity);
        finish();
    }

    /** With the lock held. */
    private void sendLater() {
        if (sending || closed) {
            return;
        }
        sending = true;
        try {
            senders.execute(this::sendQueued);
        } catch (RejectedExecutionException e) {
            sending = false; // shutting down
        }
    }

    private void sendQueued() {
        while (true) {
            Object next;
            synchronized (lock) {
                next = outbox.poll();
                if (next == null || closed) {
                    sending = false;
                    return;
                }
                lock.notifyAll(); // room for the replay
            }
            try {
                send(next);
            } catch (IOException | IllegalStateException e) {
                // the client went away; the container reports it to the emitter, which needs no completing
                close();
                return;
            } catch (RuntimeException e) {
                log.warn("A live stream failed and is closed", e);
                finish();
                return;
            }
        }
    }

    private void send(Object next) throws IOException {
        if (next instanceof Comment comment) {
            emitter.send(SseEmitter.event().comment(comment.text()));
        } else if (next instanceof LiveEvent event && viewer.sees(event)) {
            emitter.send(SseEmitter.event()
                    .id(Long.toString(event.position()))
                    .name(event.name())
                    .data(event.data(), MediaType.APPLICATION_JSON));
        }
    }
}
