package phoenix.query.projections;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Tries dead letters again when their back-off is over ({@link DeadLetterBackOff}), through Axon's dead-letter
 * processor of each projection: a letter that succeeds is removed and the rest of its sequence follows; one that
 * fails again is put back with one more retry counted. Several query-side nodes may do this at once: Axon claims a
 * sequence before processing it.
 */
@Component
class DeadLetterRetry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetry.class);
    // bounds one round, so a queue full of due letters cannot keep the thread from stopping
    private static final int MAX_SEQUENCES_PER_ROUND = 1000;

    private final EventProcessingConfiguration processing;
    private final DeadLetterBackOff backOff;
    private final Clock clock;
    private final Duration interval;
    private volatile ScheduledExecutorService scheduler;

    DeadLetterRetry(EventProcessingConfiguration processing, DeadLetterBackOff backOff, Clock clock,
                    ProjectionProperties properties) {
        this.processing = processing;
        this.backOff = backOff;
        this.clock = clock;
        this.interval = properties.deadLetters().checkInterval();
    }

    /** Retries every sequence of every projection whose first letter is due; answers how many it tried. */
    int retryDue() {
        int tried = 0;
        for (String processor : processing.eventProcessors().keySet()) {
            tried += processing.sequencedDeadLetterProcessor(processor).map(this::retryDue).orElse(0);
        }
        return tried;
    }

    private int retryDue(SequencedDeadLetterProcessor<EventMessage<?>> letters) {
        Instant now = clock.instant();
        AtomicBoolean matched = new AtomicBoolean();
        Predicate<DeadLetter<? extends EventMessage<?>>> due = letter -> {
            boolean isDue = !backOff.dueAt(letter).isAfter(now);
            matched.compareAndSet(false, isDue);
            return isDue;
        };
        int tried = 0;
        do {
            matched.set(false);
            letters.process(due); // false when the sequence failed again: it is no longer due, the next one is tried
        } while (matched.get() && ++tried < MAX_SEQUENCES_PER_ROUND);
        return tried;
    }

    private void round() {
        try {
            retryDue();
        } catch (RuntimeException e) {
            log.warn("Retrying dead letters failed; trying again in {}", interval, e);
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dead-letter-retry");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** After Axon's processors have started, before they stop. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
