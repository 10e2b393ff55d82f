package phoenix.system;

import phoenix.db.TestDatabase;
import phoenix.platform.testing.Api;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The whole of Phoenix as it runs in production, for tests that break parts of it: command-side, query-side and one
 * or more device bridges from their packaged jars as processes, on a fresh database (on the machine's PostgreSQL,
 * or on a PostgreSQL server of the test's own that it may crash), with a Mosquitto of their own configured like the
 * project's loss-free broker. The bridges and the command side share a random secret (the bridge's credential);
 * all bridges share one MQTT client id, as in production. Apps can be killed and started again.
 */
final class PhoenixSystem implements AutoCloseable {

    static final String ADMIN = "admin@phoenix.local";
    static final String PASSWORD = "device-bridge-admin-1";
    static final String METRICS_TOKEN = "metrics-token-of-the-system-tests";
    private static final Duration STARTUP = Duration.ofMinutes(3);

    /** {@code ownPostgres}: a server of the test's own instead of a database on the machine's. */
    record Setup(boolean ownPostgres, int bridges) {
    }

    final MosquittoBroker broker;
    private final TestDatabase testDatabase;
    private final PostgresInstance postgres;
    private final DataSource dataSource;
    private final Map<String, String> environment;
    private final List<App> bridges = new ArrayList<>();
    private volatile App commandSide;
    private volatile App querySide;
    private int commandSidePort;

    private PhoenixSystem(TestDatabase testDatabase, PostgresInstance postgres, MosquittoBroker broker,
                          Map<String, String> environment) {
        this.testDatabase = testDatabase;
        this.postgres = postgres;
        this.dataSource = testDatabase != null ? testDatabase.dataSource() : postgres.dataSource();
        this.broker = broker;
        this.environment = environment;
    }

    /** One bridge, a fresh database on the machine's PostgreSQL. */
    static PhoenixSystem start() throws Exception {
        return start(new Setup(false, 1));
    }

    /** Starts the database, the broker and the apps; returns when all are healthy. */
    static PhoenixSystem start(Setup setup) throws Exception {
        TestDatabase testDatabase = setup.ownPostgres() ? null : TestDatabase.create();
        PostgresInstance postgres = setup.ownPostgres() ? PostgresInstance.start() : null;
        MosquittoBroker broker = MosquittoBroker.start();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String bridgeKey = HexFormat.of().formatHex(secret);
        Map<String, String> environment = new HashMap<>(Map.of(
                "SPRING_DATASOURCE_URL", testDatabase != null ? testDatabase.jdbcUrl() : postgres.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", testDatabase != null ? testDatabase.username() : "postgres",
                "SPRING_DATASOURCE_PASSWORD", testDatabase != null ? testDatabase.password() : "",
                "PHOENIX_BOOTSTRAP_ADMIN_EMAIL", ADMIN,
                "PHOENIX_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD,
                "PHOENIX_MQTT_BROKER_URL", broker.url(),
                "PHOENIX_MQTT_CLIENT_ID", "bridge-under-test-" + UUID.randomUUID(),
                "PHOENIX_BRIDGE_KEY", bridgeKey,
                "PHOENIX_DEVICES_BRIDGE_KEY", bridgeKey,
                "PHOENIX_METRICS_TOKEN", METRICS_TOKEN));
        PhoenixSystem system = new PhoenixSystem(testDatabase, postgres, broker, environment);
        try {
            system.commandSide = App.start("command-side", environment);
            system.commandSidePort = system.commandSide.port;
            environment.put("PHOENIX_BRIDGE_COMMAND_SIDE_URL", "http://127.0.0.1:" + system.commandSidePort);
            system.querySide = App.start("query-side", environment);
            for (int i = 0; i < setup.bridges(); i++) {
                system.bridges.add(App.start("device-bridge", environment));
            }
            system.commandSide.awaitHealthy(STARTUP);
            system.querySide.awaitHealthy(STARTUP);
            for (App bridge : system.bridges) {
                bridge.awaitHealthy(STARTUP);
            }
            return system;
        } catch (Exception | AssertionError e) {
            system.close();
            throw e;
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    Api commandSide() {
        return new Api(commandSidePort);
    }

    Api querySide() {
        return querySide.api;
    }

    Api deviceBridge() {
        return bridges.get(0).api;
    }

    String bridgeLog() throws Exception {
        return bridges.get(0).log();
    }

    /** SIGKILL to the bridge that carries the taps: no goodbye to the broker or the database. */
    App killLeadingBridge() throws Exception {
        long pid = leaderPid();
        App leader = bridges.stream().filter(bridge -> bridge.pid() == pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("no bridge of this system has pid " + pid));
        leader.kill();
        bridges.remove(leader);
        keepLog(leader);
        return leader;
    }

    /** The process id of the bridge holding the lease (its holder name is host/pid/random). */
    long leaderPid() throws Exception {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(
                         "SELECT holder FROM iot.bridge_lease WHERE expires_at > clock_timestamp()")) {
                return rs.next() ? Long.parseLong(rs.getString(1).split("/")[1]) : -1L;
            }
        }, pid -> pid > 0);
    }

    /** SIGTERM to the command side, as an orchestrator stops it; returns once it has ended. */
    void stopCommandSide() throws InterruptedException {
        if (!commandSide.stop(Duration.ofSeconds(30))) {
            throw new IllegalStateException("command-side did not stop within 30 s of SIGTERM");
        }
    }

    /** The command side again on its old port, which the bridges still call. */
    void startCommandSideAgain() throws Exception {
        keepLog(commandSide);
        commandSide = App.start("command-side", environment, commandSidePort);
        commandSide.awaitHealthy(STARTUP);
    }

    /** SIGKILL to the query side: its processors stop mid-batch. */
    void killQuerySide() throws Exception {
        querySide.kill();
        keepLog(querySide);
    }

    /** The query side again, on its old port. */
    void startQuerySideAgain() throws Exception {
        querySide = App.start("query-side", environment, querySide.port);
        querySide.awaitHealthy(STARTUP);
    }

    /** Only with {@link Setup#ownPostgres()}: the database server crashes and starts again. */
    void crashAndRestartPostgres() throws Exception {
        postgres.crashAndRestart();
    }

    /** App writes every start's log to the same file: the log of the run before a restart is kept beside it. */
    private static void keepLog(App app) throws java.io.IOException {
        java.nio.file.Path kept = Projects.root().resolve("system-tests/target/" + app.module + ".before-restart.log");
        java.nio.file.Files.writeString(kept, app.log());
    }

    @Override
    public void close() throws Exception {
        try {
            List<App> apps = new ArrayList<>(bridges);
            apps.add(querySide);
            apps.add(commandSide);
            for (App app : apps) {
                if (app != null) {
                    app.close();
                }
            }
        } finally {
            try {
                broker.close();
            } finally {
                if (testDatabase != null) {
                    testDatabase.close();
                }
                if (postgres != null) {
                    postgres.close();
                }
            }
        }
    }
}
