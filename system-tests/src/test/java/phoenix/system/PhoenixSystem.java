package phoenix.system;

import phoenix.db.TestDatabase;
import phoenix.platform.testing.Api;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The whole of Phoenix as it runs in production, for tests that break parts of it: command-side, query-side and
 * device-bridge from their packaged jars as processes, on a fresh database, with a Mosquitto of their own configured
 * like the project's loss-free broker. The bridge and the command side share a random secret (the bridge's
 * credential). The bridge can be killed and started again (same client id, so the broker keeps its session); the
 * command side can be stopped and started again on the same port (the bridge keeps its URL).
 */
final class PhoenixSystem implements AutoCloseable {

    static final String ADMIN = "admin@phoenix.local";
    static final String PASSWORD = "device-bridge-admin-1";
    private static final Duration STARTUP = Duration.ofMinutes(3);

    final TestDatabase database;
    final MosquittoBroker broker;
    private final Map<String, String> environment;
    private volatile App commandSide;
    private volatile App querySide;
    private volatile App deviceBridge;
    private int commandSidePort;

    private PhoenixSystem(TestDatabase database, MosquittoBroker broker, Map<String, String> environment) {
        this.database = database;
        this.broker = broker;
        this.environment = environment;
    }

    /** Starts the database, the broker and the three apps at once; returns when all three are healthy. */
    static PhoenixSystem start() throws Exception {
        TestDatabase database = TestDatabase.create();
        MosquittoBroker broker = MosquittoBroker.start();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String bridgeKey = HexFormat.of().formatHex(secret);
        Map<String, String> environment = new HashMap<>(Map.of(
                "SPRING_DATASOURCE_URL", database.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", database.username(),
                "SPRING_DATASOURCE_PASSWORD", database.password(),
                "PHOENIX_BOOTSTRAP_ADMIN_EMAIL", ADMIN,
                "PHOENIX_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD,
                "PHOENIX_MQTT_BROKER_URL", broker.url(),
                "PHOENIX_MQTT_CLIENT_ID", "bridge-under-test-" + UUID.randomUUID(),
                "PHOENIX_BRIDGE_KEY", bridgeKey,
                "PHOENIX_DEVICES_BRIDGE_KEY", bridgeKey));
        PhoenixSystem system = new PhoenixSystem(database, broker, environment);
        try {
            system.commandSide = App.start("command-side", environment);
            system.commandSidePort = system.commandSide.port;
            environment.put("PHOENIX_BRIDGE_COMMAND_SIDE_URL", "http://127.0.0.1:" + system.commandSidePort);
            system.querySide = App.start("query-side", environment);
            system.deviceBridge = App.start("device-bridge", environment);
            for (App app : List.of(system.commandSide, system.querySide, system.deviceBridge)) {
                app.awaitHealthy(STARTUP);
            }
            return system;
        } catch (Exception | AssertionError e) {
            system.close();
            throw e;
        }
    }

    Api commandSide() {
        return new Api(commandSidePort);
    }

    Api querySide() {
        return querySide.api;
    }

    Api deviceBridge() {
        return deviceBridge.api;
    }

    String bridgeLog() throws Exception {
        return deviceBridge.log();
    }

    /** SIGKILL to the bridge: no goodbye to the broker, taps in flight unacknowledged. */
    void killBridge() throws Exception {
        ProcessHandle bridge = processOf("device-bridge");
        if (bridge == null) {
            throw new IllegalStateException("device-bridge does not run");
        }
        bridge.destroyForcibly();
        bridge.onExit().get();
    }

    /** The bridge again, with the same environment (and so the same MQTT client id): its session resumes. */
    void startBridge() throws Exception {
        keepLog(deviceBridge);
        deviceBridge = App.start("device-bridge", environment).awaitHealthy(STARTUP);
    }

    /** SIGTERM to the command side, as an orchestrator stops it; returns once it has ended. */
    void stopCommandSide() throws InterruptedException {
        if (!commandSide.stop(Duration.ofSeconds(30))) {
            throw new IllegalStateException("command-side did not stop within 30 s of SIGTERM");
        }
    }

    /**
     * The command side again on its old port, which the bridge still calls. App picks a port of its own; the
     * old one is set through SPRING_APPLICATION_JSON, which Spring Boot ranks above SERVER_PORT.
     */
    void startCommandSideAgain() throws Exception {
        Map<String, String> samePort = new HashMap<>(environment);
        samePort.put("SPRING_APPLICATION_JSON", "{\"server\":{\"port\":" + commandSidePort + "}}");
        keepLog(commandSide);
        commandSide = App.start("command-side", samePort);
        Api api = commandSide();
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            if (processOf("command-side") == null) {
                throw new AssertionError("command-side exited while starting again; see its log");
            }
            return "UP".equals(api.get("/actuator/health", null).body().path("status").asText());
        });
    }

    /** App writes every start's log to the same file: the log of the run before a restart is kept beside it. */
    private static void keepLog(App app) throws java.io.IOException {
        java.nio.file.Path kept = Projects.root().resolve("system-tests/target/" + app.module + ".before-restart.log");
        java.nio.file.Files.writeString(kept, app.log());
    }

    /**
     * The running process of one of the apps, found among this JVM's children by its jar (App keeps its process to
     * itself); null when it does not run.
     */
    private static ProcessHandle processOf(String module) {
        String jar = module + "-0.1.0.jar";
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .filter(child -> child.info().commandLine().map(line -> line.contains(jar)).orElse(false))
                .findFirst().orElse(null);
    }

    @Override
    public void close() throws Exception {
        try {
            for (App app : new App[] {deviceBridge, querySide, commandSide}) {
                if (app != null) {
                    app.close();
                }
            }
        } finally {
            try {
                broker.close();
            } finally {
                database.close();
            }
        }
    }
}
