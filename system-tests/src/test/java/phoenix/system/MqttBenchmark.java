package phoenix.system;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import phoenix.platform.testing.Api;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers over MQTT against the packaged apps (not a test: run with -Pbench). The {@link ReaderSimulator} plays
 * readers in rooms at a few rates and unpaced, and this reports taps/s sustained, publish→result latency, publish→
 * visible-in-query-side latency, and whether every tap got exactly one result and the read model matches the taps.
 * Writes system-tests/target/mqtt-benchmark.md.
 * <p>
 * By default it starts its own system (fresh database, own Mosquitto with the project's configuration). With
 * {@code -Dsim.running=true} it plays against a system that already runs (./run.sh), adding a school of its own
 * (names prefixed SIM-...). System properties (scripts/simulate-readers.sh sets them):
 * <pre>
 *   sim.readers (20)  sim.rooms (10)  sim.children (600)  sim.rates ("20,50,100,0"; 0 = unpaced)  sim.seconds (60)
 *   sim.window (100: unanswered taps at most, unpaced)  sim.probe-every (10: every n-th tap watched on the query side)
 *   sim.running (false)  sim.command-side (http://127.0.0.1:8081)  sim.query-side (http://127.0.0.1:8082)
 *   sim.broker (tcp://127.0.0.1:1883)  sim.admin-email (admin@phoenix.local)  sim.jdbc-url  sim.jdbc-user
 *   (the event store check, when the database is reachable)
 * </pre>
 * and the environment: PHOENIX_BOOTSTRAP_ADMIN_PASSWORD (phoenix-local-admin), PGPASSWORD (none).
 */
class MqttBenchmark {

    private static final boolean RUNNING = Boolean.getBoolean("sim.running");
    private static final int READERS = Integer.getInteger("sim.readers", 20);
    private static final int ROOMS = Integer.getInteger("sim.rooms", 10);
    private static final int CHILDREN = Integer.getInteger("sim.children", 600);
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("sim.seconds", 60));
    private static final int WINDOW = Integer.getInteger("sim.window", 100);
    private static final int PROBE_EVERY = Integer.getInteger("sim.probe-every", 10);

    @Test
    void readersOverMqttAreAnsweredOnceEachAndTheReadModelMatchesTheTaps() throws Exception {
        double[] rates = Arrays.stream(System.getProperty("sim.rates", RUNNING ? "20" : "20,50,100,0").split(","))
                .map(String::trim).mapToDouble(Double::parseDouble).toArray();
        StringBuilder report = new StringBuilder("# MQTT benchmark\n\n");
        PhoenixSystem system = RUNNING ? null : PhoenixSystem.start();
        try {
            Api commandSide = RUNNING ? new Api(System.getProperty("sim.command-side", "http://127.0.0.1:8081"))
                    : system.commandSide();
            Api querySide = RUNNING ? new Api(System.getProperty("sim.query-side", "http://127.0.0.1:8082"))
                    : system.querySide();
            String broker = RUNNING ? System.getProperty("sim.broker", "tcp://127.0.0.1:1883") : system.broker.url();
            DataSource database = RUNNING ? runningDatabase() : system.dataSource();
            String prefix = "SIM-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss"));

            long setupStart = System.nanoTime();
            School school = School.open(commandSide,
                    System.getProperty("sim.admin-email", PhoenixSystem.ADMIN),
                    RUNNING ? System.getenv().getOrDefault("PHOENIX_BOOTSTRAP_ADMIN_PASSWORD", "phoenix-local-admin")
                            : PhoenixSystem.PASSWORD,
                    prefix);
            List<School.Room> rooms = new ArrayList<>();
            for (int i = 0; i < ROOMS; i++) {
                int readers = READERS / ROOMS + (i < READERS % ROOMS ? 1 : 0);
                rooms.add(school.room("Raum-" + i, CHILDREN, Math.max(1, readers)));
            }
            List<School.Child> children = school.children(prefix, CHILDREN);
            Duration setup = Duration.ofNanos(System.nanoTime() - setupStart);

            report.append(String.format("%s; %d readers in %d rooms (a session running in each), %d children with "
                            + "tags, set up through the HTTP API in %d s. Broker: %s. Machine: %d cores, shared by the "
                            + "apps, PostgreSQL, Mosquitto and this client. Each run %d s; a child taps again only "
                            + "after its previous answer and %d ms; every %d-th tap is watched on the query side "
                            + "(GET /api/students/{id}/location every 20 ms, at most 4 at once).%n%n",
                    RUNNING ? "Against the running system" : "Own system: command-side, query-side, device-bridge "
                            + "from their jars, fresh database, Mosquitto with docker/mosquitto/local.conf",
                    READERS, ROOMS, CHILDREN, setup.toSeconds(), broker, Runtime.getRuntime().availableProcessors(),
                    PHASE.toSeconds(), ReaderSimulator.CHILD_PAUSE_MILLIS, PROBE_EVERY))
                    .append(ReaderSimulator.Report.header()).append('\n');

            List<ReaderSimulator.Report> runs = new ArrayList<>();
            try (ReaderSimulator simulator = new ReaderSimulator(broker, rooms, children, querySide, school.token,
                    4, 42)) {
                for (double rate : rates) {
                    String name = rate > 0 ? String.format("%.0f taps/s", rate)
                            : "unpaced (at most " + WINDOW + " unanswered)";
                    ReaderSimulator.Report run = simulator.run(name, rate, PHASE, WINDOW, PROBE_EVERY);
                    runs.add(run);
                    report.append(run.row()).append('\n');
                    System.out.println(run.row());
                }
                report.append("\nAnswers by action: ");
                runs.forEach(run -> report.append(run.name()).append(' ').append(run.actions()).append("; "));
                report.append("\n\n");
                for (ReaderSimulator.Report run : runs) {
                    if (!run.unexpectedExamples().isEmpty()) {
                        report.append("Unexpected answers in ").append(run.name()).append(": ")
                                .append(run.unexpectedExamples()).append("\n\n");
                    }
                }

                List<String> mismatches = simulator.readModelMismatches(Duration.ofSeconds(60));
                Map<String, Integer> actions = simulator.actions();
                int in = actions.getOrDefault("checked_in", 0) + actions.getOrDefault("transferred", 0);
                int out = actions.getOrDefault("checked_out", 0) + actions.getOrDefault("transferred", 0);
                long unanswered = simulator.unansweredTaps();
                report.append(String.format("Read model (query side, every child's visits and location) against "
                                + "the answers%s: %s.%n", unanswered == 0 ? "" : " (and, for the " + unanswered
                                + " taps never answered, against what they were meant to do)",
                        mismatches.isEmpty() ? "matches for all " + CHILDREN + " children"
                                : mismatches.size() + " children differ, e.g. "
                                + mismatches.subList(0, Math.min(5, mismatches.size()))));
                Long checkedIn = null;
                Long checkedOut = null;
                TapRecords.Processed processed = null;
                if (database != null) {
                    TapRecords records = new TapRecords(database);
                    checkedIn = records.eventCount(TapRecords.CHECKED_IN, simulator.childIds());
                    checkedOut = records.eventCount(TapRecords.CHECKED_OUT, simulator.childIds());
                    processed = records.processed(simulator.tapIds());
                    report.append(String.format("Event store: %d StudentCheckedIn for %d taps checked_in or "
                                    + "transferred; %d StudentCheckedOut for %d taps checked_out or transferred; "
                                    + "iot.processed_taps: %d rows (%d refused) for %d taps sent.%n", checkedIn, in,
                            checkedOut, out, processed.rows(), processed.refused(), simulator.tapIds().size()));
                }
                if (system != null) {
                    long lost = system.bridgeLog().lines()
                            .filter(line -> line.contains("Could not publish the result")).count();
                    report.append(String.format("device-bridge log: %d warnings \"Could not publish the result of "
                            + "tap ...\".%n", lost));
                }

                assertThat(runs).as("runs with taps unanswered, answered twice or answered unexpectedly")
                        .allSatisfy(run -> assertThat(run.clean()).as(run.row()).isTrue());
                assertThat(mismatches).as("children whose read model differs from the answers").isEmpty();
                if (database != null) {
                    assertThat(checkedIn).as("StudentCheckedIn events").isEqualTo(in);
                    assertThat(checkedOut).as("StudentCheckedOut events").isEqualTo(out);
                    assertThat(processed).isEqualTo(new TapRecords.Processed(simulator.tapIds().size(), 0));
                }
            }
        } finally {
            write(report);
            if (system != null) {
                system.close();
            }
        }
    }

    private static DataSource runningDatabase() {
        String url = System.getProperty("sim.jdbc-url");
        if (url == null || url.isBlank()) {
            return null;
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(System.getProperty("sim.jdbc-user", "postgres"));
        dataSource.setPassword(System.getenv().getOrDefault("PGPASSWORD", ""));
        return dataSource;
    }

    private static void write(StringBuilder report) throws Exception {
        Path file = Projects.root().resolve("system-tests/target/mqtt-benchmark.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println(report);
    }
}
