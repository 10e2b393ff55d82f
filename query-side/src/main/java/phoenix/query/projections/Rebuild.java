package phoenix.query.projections;

import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import phoenix.query.position.ProjectionPositions;

import java.lang.reflect.Constructor;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One rebuild of one projection while its queries go on answering from the live tables:
 * <ol>
 * <li>a second instance of its projector, whose statements go to shadow tables ({@link ShadowTables}), runs in a
 *     pooled streaming processor of its own ({@code <name>-rebuild}) from the start of the event store;</li>
 * <li>once it is nearly at the head, one transaction locks the live tables against writers (readers go on), lets
 *     the shadow reach the head, stops it, and replaces the live rows by the shadow's;</li>
 * <li>the shadow tables and the shadow processor's tokens are removed.</li>
 * </ol>
 * The live processor keeps its token. Every event that touches the tables is either at most the shadow's final
 * position, and so in the copied rows, or the live processor writes it after the lock (its writes waited for it);
 * the projectors are idempotent and in order per aggregate, so re-applying events it had not committed yet converges.
 */
final class Rebuild implements Runnable {

    enum Phase { CATCHING_UP, SWAPPING, DONE, FAILED }

    /** Axon's parts the shadow processor is built of. */
    record Axon(EventStore eventStore, TokenStore tokenStore, TransactionManager transactionManager,
                ParameterResolverFactory parameterResolvers) {
    }

    /**
     * What the admin API shows of a rebuild.
     *
     * @param target     the head of the event store when it started
     * @param swapMillis how long the swap held the live tables (writers waited, readers did not)
     * @param failure    why it failed, or why its shadow does not advance at the moment
     */
    record Status(Phase phase, Instant startedAt, long target, long position, double percent, Long etaSeconds,
                  Instant finishedAt, Long swapMillis, String failure) {
    }

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String DEADLOCK = "40P01";

    private final String name;
    private final Projector projector;
    private final ShadowTables shadow;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Axon axon;
    private final ProjectionProperties.Rebuild settings;
    private final Clock clock;
    private final Consumer<String> whileLocked;
    private final Runnable finished;
    private final Instant startedAt;

    private volatile Phase phase = Phase.CATCHING_UP;
    private volatile long tail;
    private volatile long target;
    private volatile long position;
    private volatile long head;
    private volatile Instant shadowStartedAt;
    private volatile Instant finishedAt;
    private volatile String failure;
    private volatile Thread thread;
    private volatile Long swapMillis;
    private volatile Instant failingSince;

    private PooledStreamingEventProcessor processor;
    private ScheduledExecutorService coordinatorExecutor;
    private ScheduledExecutorService workerExecutor;

    Rebuild(String name, Projector projector, JdbcClient jdbc, TransactionTemplate transactions, Axon axon,
            ProjectionProperties.Rebuild settings, Clock clock, Consumer<String> whileLocked, Runnable finished) {
        this.name = name;
        this.projector = projector;
        this.shadow = new ShadowTables(projector.tables());
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.axon = axon;
        this.settings = settings;
        this.clock = clock;
        this.whileLocked = whileLocked;
        this.finished = finished;
        this.startedAt = clock.instant();
    }

    String processorName() {
        return name + "-rebuild";
    }

    boolean running() {
        return phase == Phase.CATCHING_UP || phase == Phase.SWAPPING;
    }

    /** Stops a running rebuild (the application stops): the live tables stay as they are. */
    void cancel() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    Status status() {
        long from = tail;
        double percent = target <= from ? 100 : Math.min(100, Math.max(0, 100.0 * (position - from) / (target - from)));
        if (phase == Phase.DONE) {
            percent = 100;
        }
        return new Status(phase, startedAt, target, position, Math.round(percent * 10) / 10.0, eta(), finishedAt,
                swapMillis, failure);
    }

    /** From the rate observed since the shadow started. */
    private Long eta() {
        Instant since = shadowStartedAt;
        if (!running() || since == null) {
            return null;
        }
        double seconds = Duration.between(since, clock.instant()).toMillis() / 1000.0;
        long done = position - tail;
        if (seconds <= 0 || done <= 0) {
            return null;
        }
        return Math.round(Math.max(0, head - position) / (done / seconds));
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        boolean interrupted = false;
        Phase outcome = Phase.FAILED;
        try {
            transactions.executeWithoutResult(status -> shadow.create(jdbc));
            deleteShadowTokens();
            tail = jdbc.sql("SELECT coalesce(min(global_index), 1) - 1 FROM eventstore.domain_event_entry")
                    .query(Long.class).single();
            position = tail;
            target = head();
            head = target;
            startShadow();
            log.info("Rebuilding projection {}: {} events up to position {}", name, target - tail, target);
            while (!swapped()) {
                Thread.sleep(POLL.toMillis());
            }
            failure = null;
            outcome = Phase.DONE;
            log.info("Rebuilt projection {} in {} s", name,
                    Duration.between(startedAt, clock.instant()).toMillis() / 1000.0);
        } catch (InterruptedException e) {
            interrupted = true;
            fail("stopped before it was done", e);
        } catch (RuntimeException | Error e) {
            fail(e.toString(), e);
        } finally {
            interrupted |= Thread.interrupted(); // the cleanup must not be interrupted too
            try {
                stopShadow();
                if (coordinatorExecutor != null) {
                    coordinatorExecutor.shutdownNow();
                    workerExecutor.shutdownNow();
                }
                transactions.executeWithoutResult(status -> shadow.drop(jdbc));
                deleteShadowTokens();
            } catch (RuntimeException e) {
                log.warn("Could not remove the shadow of projection {}; the next rebuild removes it", name, e);
            } finally {
                // done (or failed) once nothing of it is left: then another rebuild may start
                finishedAt = clock.instant();
                thread = null;
                finished.run();
                phase = outcome;
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void fail(String reason, Throwable cause) {
        failure = reason;
        log.error("The rebuild of projection {} failed: {}; the live tables are as they were", name, reason, cause);
    }

    /**
     * Measures progress; swaps once the shadow is close enough to the head. A swap that lost a deadlock against a
     * writer, or whose shadow did not reach the head in time, is tried again at the next round.
     */
    private boolean swapped() {
        if (!processor.isRunning()) {
            processor.start(); // a swap given up after the shadow stopped
        }
        OptionalLong reached = shadowPosition();
        head = head();
        if (reached.isPresent() && reached.getAsLong() > position) {
            failingSince = null; // it advances again
            failure = null;
        }
        reached.ifPresent(value -> position = value);
        Instant failing = failingSince;
        if (failing != null && Duration.between(failing, clock.instant()).compareTo(settings.giveUpAfter()) > 0) {
            throw new IllegalStateException("given up after failing for " + settings.giveUpAfter() + ": " + failure);
        }
        if (reached.isEmpty() || head - reached.getAsLong() > settings.swapWithin()) {
            return false;
        }
        long swapStarted = System.nanoTime();
        try {
            if (Boolean.TRUE.equals(transactions.execute(status -> {
                boolean done = swapWhileLocked();
                if (!done) {
                    status.setRollbackOnly();
                }
                return done;
            }))) {
                swapMillis = (System.nanoTime() - swapStarted) / 1_000_000;
                log.info("Swapped projection {} to its rebuilt rows; its writers waited {} ms", name, swapMillis);
                return true;
            }
        } catch (RuntimeException e) {
            if (!deadlock(e)) {
                throw e;
            }
            log.info("The swap of projection {} lost a deadlock against a writer; trying again", name);
        }
        phase = Phase.CATCHING_UP;
        return false;
    }

    /**
     * A failed batch of the shadow: Axon releases the segment and tries it again after a pause; meanwhile the admin
     * sees why the rebuild does not advance, until it gives up.
     */
    private void failed(ErrorContext context) throws Exception {
        failure = context.error().toString();
        if (failingSince == null) {
            failingSince = clock.instant();
        }
        log.warn("The shadow of projection {} failed a batch; Axon tries it again", name, context.error());
        PropagatingErrorHandler.instance().handleError(context);
    }

    /** In the swap's transaction: false if the shadow did not reach the head in time (the lock is then released). */
    private boolean swapWhileLocked() {
        shadow.lockLive(jdbc);
        phase = Phase.SWAPPING;
        long lockedHead = head();
        long deadline = System.nanoTime() + settings.swapTimeout().toNanos();
        while (!covers(lockedHead)) {
            if (System.nanoTime() > deadline) {
                log.warn("The shadow of projection {} did not reach position {} within {}; trying again", name,
                        lockedHead, settings.swapTimeout());
                return false;
            }
            sleep(Duration.ofMillis(5));
        }
        position = lockedHead;
        head = lockedHead;
        stopShadow(); // its last writes are in; nothing may follow once the rows are copied
        whileLocked.accept(name);
        shadow.copyToLive(jdbc);
        return true;
    }

    /** The shadow has handled every event up to {@code position} that is in the store now. */
    private boolean covers(long position) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        if (segments.size() < settings.segments()) {
            return false;
        }
        Set<Long> gaps = new HashSet<>();
        for (EventTrackerStatus segment : segments.values()) {
            TrackingToken token = WrappedToken.unwrapLowerBound(segment.getTrackingToken());
            if (segment.isErrorState() || token == null || token.position().orElse(-1) < position) {
                return false;
            }
            if (token instanceof GapAwareTrackingToken gapAware) {
                gapAware.getGaps().stream().filter(gap -> gap <= position).forEach(gaps::add);
            }
        }
        // a gap is an event not committed when the shadow passed it; one committed since then must be in the shadow
        return gaps.isEmpty() || jdbc.sql("SELECT count(*) FROM eventstore.domain_event_entry WHERE global_index = ANY (?)")
                .param(gaps.toArray(Long[]::new)).query(Long.class).single() == 0;
    }

    private OptionalLong shadowPosition() {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        if (segments.size() < settings.segments()) {
            return OptionalLong.empty();
        }
        return segments.values().stream()
                .mapToLong(segment -> ProjectionPositions.positionOf(segment.getTrackingToken()))
                .min();
    }

    private void startShadow() {
        Object shadowProjector = newProjector(shadow.rewriting(jdbc));
        coordinatorExecutor = Executors.newSingleThreadScheduledExecutor(threads(processorName() + "-coordinator-"));
        workerExecutor = Executors.newScheduledThreadPool(settings.threads(), threads(processorName() + "-worker-"));
        processor = PooledStreamingEventProcessor.builder()
                .name(processorName())
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        // the projection's own handlers, without the live ones' savepoints: the shadow has no
                        // dead-letter queue. A failure fails the batch, which Axon tries again; its default would
                        // log it and skip the event, and the rebuilt rows would miss it
                        .eventHandlers(new AnnotationEventHandlerAdapter(shadowProjector, axon.parameterResolvers(),
                                ClasspathHandlerDefinition.forClass(shadowProjector.getClass())))
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .messageSource(axon.eventStore())
                .tokenStore(axon.tokenStore())
                .transactionManager(axon.transactionManager())
                .coordinatorExecutor(coordinatorExecutor)
                .workerExecutor(workerExecutor)
                .initialSegmentCount(settings.segments())
                .batchSize(settings.batchSize())
                .initialToken(StreamableMessageSource::createTailToken)
                .errorHandler(this::failed)
                .build();
        shadowStartedAt = clock.instant();
        processor.start();
    }

    /** The projector's class once more, writing through the given client (its one constructor argument). */
    private Object newProjector(JdbcClient client) {
        Class<?> type = AopUtils.getTargetClass(projector);
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(JdbcClient.class);
            constructor.setAccessible(true); // projectors are package-private beans
            return constructor.newInstance(client);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " must have a constructor that takes only a JdbcClient", e);
        }
    }

    private void stopShadow() {
        if (processor != null && processor.isRunning()) {
            try {
                processor.shutdownAsync().get(settings.swapTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping " + processorName(), e);
            } catch (Exception e) {
                throw new IllegalStateException("Could not stop " + processorName(), e);
            }
        }
    }

    private void deleteShadowTokens() {
        jdbc.sql("DELETE FROM eventstore.token_entry WHERE processor_name = ?").param(processorName()).update();
    }

    private long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM eventstore.domain_event_entry")
                .query(Long.class).single();
    }

    private static boolean deadlock(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && DEADLOCK.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while swapping", e);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
