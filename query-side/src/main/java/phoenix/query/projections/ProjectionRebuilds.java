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

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rebuilds of the projections from the event store while they serve ({@link Rebuild}): one at a time per
 * projection, across all query-side nodes (a PostgreSQL advisory lock, held by the node that runs it). The audit log
 * is never rebuilt: its projector declares no {@link Projector tables}.
 */
@Component
public class ProjectionRebuilds implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    private final Map<String, Projector> projectors;
    private final ProjectionPositions positions;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final Rebuild.Axon axon;
    private final ProjectionProperties.Rebuild settings;
    private final Clock clock;
    private final Map<String, Rebuild> latest = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;


    /** Tests hold the swap here: the live tables locked for writers, the shadow stopped, its rows not copied yet. */
    volatile Consumer<String> whileLocked = name -> {
    };

    ProjectionRebuilds(List<Projector> projectors, ProjectionPositions positions, JdbcClient jdbc,
                       DataSource dataSource, PlatformTransactionManager transactionManager, EventStore eventStore,
                       TokenStore tokenStore, TransactionManager axonTransactions, Configuration axonConfiguration,
                       ProjectionProperties properties, Clock clock) {
        this.projectors = projectors.stream().collect(Collectors.toMap(ProjectionRebuilds::processingGroup,
                Function.identity()));
        this.positions = positions;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
        this.axon = new Rebuild.Axon(eventStore, tokenStore, axonTransactions,
                axonConfiguration.parameterResolverFactory());
        this.settings = properties.rebuild();
        this.clock = clock;
    }

    public boolean rebuildable(String projection) {
        return projectors.containsKey(projection);
    }

    public boolean rebuilding(String projection) {
        Rebuild rebuild = latest.get(projection);
        return rebuild != null && rebuild.running();
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
        if (rebuilding(projection)) {
            throw alreadyRunning();
        }
        Connection lock = lock(projection).orElseThrow(ProjectionRebuilds::alreadyRunning);
        Rebuild rebuild = new Rebuild(projection, projector, jdbc, transactions, axon, settings, clock,
                name -> whileLocked.accept(name), () -> unlock(lock, projection));
        latest.put(projection, rebuild);
        runner.execute(rebuild);
        return rebuild.status();
    }

    /** Session-level, on a connection of its own: a node that dies releases it with its connection. */
    private Optional<Connection> lock(String projection) {
        try {
            Connection connection = dataSource.getConnection();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT pg_try_advisory_lock(hashtext('phoenix.rebuild'), hashtext(?))")) {
                statement.setString(1, projection);
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return Optional.of(connection);
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot lock the rebuild of " + projection, e);
        }
    }

    // the pool keeps the connection's session open: the lock must be given back before the connection
    private void unlock(Connection connection, String projection) {
        try (connection; PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_advisory_unlock(hashtext('phoenix.rebuild'), hashtext(?))")) {
            statement.setString(1, projection);
            statement.execute();
        } catch (SQLException e) {
            log.warn("Could not release the rebuild lock of {}", projection, e);
        }
    }

    private static PhoenixException alreadyRunning() {
        return new PhoenixException(ErrorCode.REBUILD_RUNNING, "This projection is being rebuilt already.");
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
