package phoenix.query.projections;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.query.position.ProjectionPositions;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rebuilds of the projections from the event store while they serve ({@link Rebuild}): one at a time per
 * projection, across all query-side nodes (a claim in {@code rebuild.running}, kept alive by the node that runs it).
 * The audit log is never rebuilt: its projector declares no {@link Projector tables}.
 */
@Component
public class ProjectionRebuilds implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    /** A claim not refreshed for this long is from a node that died (refreshed every few seconds). */
    private static final Duration CLAIM_STALE_AFTER = Duration.ofSeconds(30);
    private static final Duration CLAIM_REFRESH = Duration.ofSeconds(5);

    private final Map<String, Projector> projectors;
    private final ProjectionPositions positions;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Rebuild.Axon axon;
    private final ProjectionProperties.Rebuild settings;
    private final Clock clock;
    private final Map<String, Rebuild> latest = new ConcurrentHashMap<>();
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final ExecutorService runner = Executors.newCachedThreadPool(daemons("projection-rebuild"));
    private final ScheduledExecutorService heartbeat =
            Executors.newSingleThreadScheduledExecutor(daemons("projection-rebuild-claims"));
    private volatile boolean running;


    /** Tests hold the swap here: the live tables locked for writers, the shadow stopped, its rows not copied yet. */
    volatile Consumer<String> whileLocked = name -> {
    };

    ProjectionRebuilds(List<Projector> projectors, ProjectionPositions positions, JdbcClient jdbc,
                       PlatformTransactionManager transactionManager, EventStore eventStore,
                       TokenStore tokenStore, TransactionManager axonTransactions, Configuration axonConfiguration,
                       ProjectionProperties properties, Clock clock) {
        this.projectors = projectors.stream().collect(Collectors.toMap(ProjectionRebuilds::processingGroup,
                Function.identity()));
        this.positions = positions;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.axon = new Rebuild.Axon(eventStore, tokenStore, axonTransactions,
                axonConfiguration.parameterResolverFactory());
        this.settings = properties.rebuild();
        this.clock = clock;
    }

    public boolean rebuildable(String projection) {
        return projectors.containsKey(projection);
    }

    /** On this node or another. */
    public boolean rebuilding(String projection) {
        Rebuild rebuild = latest.get(projection);
        return rebuild != null && rebuild.running() || claimedElsewhere(projection);
    }

    /** The running rebuild of the projection, else its last one since this node started. */
    public Optional<Rebuild.Status> status(String projection) {
        return Optional.ofNullable(latest.get(projection)).map(Rebuild::status);
    }

    public synchronized Rebuild.Status start(String projection) {
        if (!positions.all().contains(projection)) {
            throw new PhoenixException(ErrorCode.PROJECTION_NOT_FOUND, "There is no such projection.");
        }
        Projector projector = projectors.get(projection);
        if (projector == null) {
            throw new PhoenixException(ErrorCode.PROJECTION_NOT_REBUILDABLE,
                    "This projection is never rebuilt: it is the append-only audit log.");
        }
        Rebuild last = latest.get(projection);
        if (last != null && last.running()) {
            throw alreadyRunning();
        }
        if (!claim(projection)) {
            throw alreadyRunning();
        }
        Rebuild rebuild = new Rebuild(projection, projector, jdbc, transactions, axon, settings, clock,
                name -> whileLocked.accept(name), () -> release(projection));
        latest.put(projection, rebuild);
        runner.execute(rebuild);
        return rebuild.status();
    }

    /** Claims the projection's rebuild for this node, unless another node's claim is still alive. */
    private boolean claim(String projection) {
        return jdbc.sql("""
                        INSERT INTO rebuild.running AS r (projection, node, started_at, alive_at)
                        VALUES (:projection, :node, now(), now())
                        ON CONFLICT (projection) DO UPDATE
                        SET node = excluded.node, started_at = excluded.started_at, alive_at = excluded.alive_at
                        WHERE r.alive_at < now() - make_interval(secs => :staleSeconds)
                        RETURNING projection
                        """)
                .param("projection", projection).param("node", node)
                .param("staleSeconds", (double) CLAIM_STALE_AFTER.toSeconds())
                .query(String.class).optional().isPresent();
    }

    /** Every few seconds for each running rebuild; one whose claim was taken over (this node seemed dead) stops. */
    private void keepClaimsAlive() {
        latest.forEach((projection, rebuild) -> {
            if (rebuild.running()) {
                try {
                    int alive = jdbc.sql("UPDATE rebuild.running SET alive_at = now() WHERE projection = ? AND node = ?")
                            .param(projection).param(node).update();
                    if (alive == 0) {
                        log.error("The rebuild of {} was taken over by another node; stopping it here", projection);
                        rebuild.cancel();
                    }
                } catch (RuntimeException e) {
                    log.warn("Could not refresh the rebuild claim of {}", projection, e);
                }
            }
        });
    }

    private void release(String projection) {
        try {
            jdbc.sql("DELETE FROM rebuild.running WHERE projection = ? AND node = ?").param(projection).param(node)
                    .update();
        } catch (RuntimeException e) {
            log.warn("Could not release the rebuild claim of {}; it expires by itself", projection, e);
        }
    }

    /** Running on any node: this one's, or another's claim that is still alive. */
    private boolean claimedElsewhere(String projection) {
        return jdbc.sql("""
                        SELECT count(*) FROM rebuild.running
                         WHERE projection = ? AND alive_at >= now() - make_interval(secs => ?)
                        """)
                .param(projection).param((double) CLAIM_STALE_AFTER.toSeconds()).query(Long.class).single() > 0;
    }

    private static PhoenixException alreadyRunning() {
        return new PhoenixException(ErrorCode.REBUILD_RUNNING, "This projection is being rebuilt already.");
    }

    private static ThreadFactory daemons(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String processingGroup(Projector projector) {
        ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(AopUtils.getTargetClass(projector),
                ProcessingGroup.class);
        if (group == null) {
            throw new IllegalStateException(projector.getClass().getName() + " names no @ProcessingGroup");
        }
        return group.value();
    }

    @Override
    public void start() {
        heartbeat.scheduleWithFixedDelay(this::keepClaimsAlive, CLAIM_REFRESH.toMillis(), CLAIM_REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Before Axon stops the event store: a rebuild still running is given up, the live tables stay. */
    @Override
    public void stop() {
        synchronized (this) {
            running = false;
        }
        latest.values().forEach(Rebuild::cancel);
        runner.shutdown();
        heartbeat.shutdownNow();
        try {
            if (!runner.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("A projection rebuild did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
