package phoenix.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import phoenix.db.TestDatabase;
import phoenix.platform.testing.Api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Taps through the device API of the packaged apps (not a test: run with -Pbench). A school's afternoon on fast
 * forward: children tap into rooms, move between rooms and out again. Measures the answer latency at 50 taps/s and
 * at the highest rate the command side sustains, and how long after a tap's answer the query side shows it.
 * Writes system-tests/target/tap-benchmark.md.
 */
class TapBenchmark {

    private static final String ADMIN = "admin@phoenix.local";
    private static final String PASSWORD = "benchmark-admin-1";
    private static final int ROOMS = 10;
    private static final int CHILDREN = 600;
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));

    private static TestDatabase database;
    private static App commandSide;
    private static App querySide;
    private static String token;
    private static final List<UUID> rooms = new ArrayList<>();
    private static final List<String> readerKeys = new ArrayList<>();
    private static final List<String> tags = new ArrayList<>();
    private static final List<UUID> children = new ArrayList<>();
    private static final StringBuilder report = new StringBuilder("# Tap benchmark\n\n");

    @BeforeAll
    static void aSchool() throws Exception {
        database = TestDatabase.create();
        Map<String, String> environment = Map.of(
                "SPRING_DATASOURCE_URL", database.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", database.username(),
                "SPRING_DATASOURCE_PASSWORD", database.password(),
                "PHOENIX_BOOTSTRAP_ADMIN_EMAIL", ADMIN,
                "PHOENIX_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
        commandSide = App.start("command-side", environment);
        querySide = App.start("query-side", environment);
        commandSide.awaitHealthy(Duration.ofMinutes(3));
        querySide.awaitHealthy(Duration.ofMinutes(3));
        Api api = commandSide.api;
        token = api.login(ADMIN, PASSWORD);
        UUID staff = id(api.post("/api/staff", token, Map.of("firstName", "Bea", "lastName", "Bench", "teacher", true)));
        for (int i = 0; i < ROOMS; i++) {
            UUID room = id(api.post("/api/rooms", token, Map.of("name", "Raum " + i, "capacity", 1000)));
            UUID activity = id(api.post("/api/activities", token, Map.of("name", "AG " + i, "category", "Bench",
                    "maxParticipants", 1000, "plannedRoomId", room)));
            String key = api.post("/api/devices", token, Map.of("deviceId", "BENCH-" + i, "name", "Leser " + i))
                    .body().path("apiKey").asText();
            Api.Answer started = api.post("/api/iot/session/start", key,
                    Map.of("activityId", activity, "roomId", room, "supervisorIds", List.of(staff)));
            if (started.status() != 201) {
                throw new IllegalStateException(started.toString());
            }
            rooms.add(room);
            readerKeys.add(key);
        }
        for (int i = 0; i < CHILDREN; i++) {
            UUID child = id(api.post("/api/students", token, Map.of("firstName", "Kind", "lastName", "Nr " + i)));
            String tag = String.format("%016X", ThreadLocalRandom.current().nextLong());
            api.put("/api/students/" + child + "/tag", token, Map.of("tag", tag));
            children.add(child);
            tags.add(tag);
        }
        report.append("Setup: ").append(ROOMS).append(" rooms with running sessions, ").append(CHILDREN)
                .append(" children with tags; command-side and query-side as processes on one 2-core machine, ")
                .append("local PostgreSQL 15; client: ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores shared with the apps. Each phase ").append(PHASE.toSeconds()).append(" s.\n\n")
                .append("| phase | taps | taps/s | answer p50 | answer p99 | refused |\n|---|---|---|---|---|---|\n");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (App app : List.of(querySide, commandSide)) {
                if (app != null) {
                    app.close();
                }
            }
        } finally {
            if (database != null) {
                database.close();
            }
            Path file = Projects.root().resolve("system-tests/target/tap-benchmark.md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, report);
            System.out.println(report);
        }
    }

    @Test
    void tapsAtFiftyPerSecondAndAtTheHighestRate() throws Exception {
        run("50 taps/s (8 client threads, paced)", 8, 50);
        run("highest rate (16 client threads, unpaced)", 16, 0);
        projectionDelay();
    }

    /** {@code rate} 0: as fast as the threads get answers. */
    private void run(String phase, int threads, int rate) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicLong next = new AtomicLong(System.nanoTime());
        long interval = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / rate;
        long end = System.nanoTime() + PHASE.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                Api api = commandSide.api;
                while (System.nanoTime() < end) {
                    if (interval > 0) {
                        long due = next.getAndAdd(interval);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                    int child = ThreadLocalRandom.current().nextInt(CHILDREN);
                    int room = ThreadLocalRandom.current().nextInt(ROOMS);
                    long start = System.nanoTime();
                    Api.Answer answer = api.post("/api/iot/taps", readerKeys.get(room), Map.of("tag", tags.get(child),
                            "roomId", rooms.get(room), "tapId", UUID.randomUUID().toString(),
                            "tappedAt", Instant.now().toString()));
                    latencies.add(System.nanoTime() - start);
                    if (answer.status() != 200) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(PHASE.toSeconds() + 60, TimeUnit.SECONDS);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        report.append(String.format("| %s | %d | %.0f | %.1f ms | %.1f ms | %d |%n", phase, sorted.size(),
                sorted.size() / (double) PHASE.toSeconds(), millis(sorted, 0.50), millis(sorted, 0.99), refused.get()));
    }

    private void projectionDelay() {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int child = ThreadLocalRandom.current().nextInt(CHILDREN);
            int room = ThreadLocalRandom.current().nextInt(ROOMS);
            Api.Answer tap = commandSide.api.post("/api/iot/taps", readerKeys.get(room), Map.of("tag", tags.get(child),
                    "roomId", rooms.get(room), "tapId", UUID.randomUUID().toString(),
                    "tappedAt", Instant.now().toString()));
            long answered = System.nanoTime();
            Api.Answer read = querySide.api.get("/api/students/" + children.get(child) + "/location", token,
                    Map.of("X-Phoenix-Await-Position", Long.toString(tap.position())));
            if (read.status() == 200) {
                delays.add(System.nanoTime() - answered);
            }
        }
        Collections.sort(delays);
        report.append(String.format("%nTap answer to query side showing it (100 taps one after another, read with "
                        + "X-Phoenix-Await-Position; includes one query round trip): p50 %.1f ms, p99 %.1f ms%n",
                millis(delays, 0.50), millis(delays, 0.99)));
    }

    private static double millis(List<Long> sortedNanos, double quantile) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        return sortedNanos.get(Math.min(sortedNanos.size() - 1, (int) (sortedNanos.size() * quantile))) / 1e6;
    }

    private static UUID id(Api.Answer answer) {
        if (answer.status() != 201) {
            throw new IllegalStateException(answer.toString());
        }
        return UUID.fromString(answer.body().path("id").asText());
    }
}
