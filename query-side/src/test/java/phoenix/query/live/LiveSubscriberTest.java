package phoenix.query.live;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One open stream: what it queues, in which order, and what it does with a client that does not keep up. */
class LiveSubscriberTest {

    private static final Pattern ID = Pattern.compile("^id:(\\d+)$", Pattern.MULTILINE);

    private final ExecutorService senders = Executors.newCachedThreadPool();
    private final LiveViewer admin = new LiveViewer(true, null, null);

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    @Test
    void missedEventsComeFirstThenTheLiveOnesEachOnceInOrder() throws Exception {
        RecordingEmitter emitter = new RecordingEmitter(null);
        LiveSubscriber subscriber = new LiveSubscriber(emitter, admin, senders, 100, 10L, s -> { });
        subscriber.start();

        subscriber.offer(event(13));
        subscriber.offer(event(14));
        subscriber.replay(event(11));
        subscriber.replay(event(12));
        subscriber.replay(event(13));
        subscriber.replayed();
        subscriber.offer(event(14));
        subscriber.offer(event(15));

        await().until(() -> emitter.ids().size() == 5);
        assertThat(emitter.ids()).containsExactly(11L, 12L, 13L, 14L, 15L);
        assertThat(emitter.sent.get(0)).contains(":connected");
    }

    @Test
    void aClientThatDoesNotKeepUpIsClosedWithoutHoldingUpTheFeed() {
        CountDownLatch network = new CountDownLatch(1);
        RecordingEmitter emitter = new RecordingEmitter(network);
        List<LiveSubscriber> removed = new CopyOnWriteArrayList<>();
        LiveSubscriber subscriber = new LiveSubscriber(emitter, admin, senders, 3, null, removed::add);
        subscriber.start();

        long started = System.nanoTime();
        for (long position = 1; position <= 10; position++) {
            subscriber.offer(event(position));
        }
        long offering = System.nanoTime() - started;

        assertThat(TimeUnit.NANOSECONDS.toMillis(offering)).isLessThan(1000);
        assertThat(subscriber.isClosed()).isTrue();
        assertThat(removed).containsExactly(subscriber);
        network.countDown();
        await().until(() -> emitter.completed);
    }

    @Test
    void anIdleStreamGetsAHeartbeat() {
        RecordingEmitter emitter = new RecordingEmitter(null);
        LiveSubscriber subscriber = new LiveSubscriber(emitter, admin, senders, 10, null, s -> { });
        subscriber.start();
        await().until(() -> emitter.sent.size() == 1);

        subscriber.heartbeat();

        await().until(() -> emitter.sent.stream().anyMatch(text -> text.contains(":heartbeat")));
    }

    private static LiveEvent event(long position) {
        return new LiveEvent(position, LiveEvent.SESSION_STARTED, null, null, Map.of("position", position));
    }

    /** An emitter without a connection: records what would be written; {@code network} holds every write up. */
    private static final class RecordingEmitter extends SseEmitter {

        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile boolean completed;
        private final CountDownLatch network;

        RecordingEmitter(CountDownLatch network) {
            this.network = network;
        }

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            if (network != null) {
                try {
                    network.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            sent.add(builder.build().stream().map(part -> String.valueOf(part.getData()))
                    .collect(Collectors.joining()));
        }

        @Override
        public void complete() {
            completed = true;
        }

        List<Long> ids() {
            return sent.stream().map(ID::matcher).filter(Matcher::find)
                    .map(found -> Long.parseLong(found.group(1))).toList();
        }
    }
}
