package phoenix.system;

import phoenix.platform.testing.Api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Readers at the doors of a school's rooms, playing an afternoon over MQTT: children arrive and tap into a room,
 * move to other rooms, go out again and come back. Every reader is a {@link Reader} of its own (its own MQTT
 * connection, status "online", last will "offline"). Taps go out at a given rate (or as fast as children are free);
 * a child taps again only after its previous tap was answered and at least {@value #CHILD_PAUSE_MILLIS} ms later by
 * the reader's clock, so the 2 s debounce never swallows a tap the simulator means.
 * <p>
 * The simulator knows where every child is, so it knows the answer each tap must get (checked_in, transferred,
 * checked_out): every result is checked against it. It records the publish time of every tap id and the arrival of
 * its results (publish→result latency, taps never answered, taps answered twice) and, for a sample of taps, how
 * long until the query side shows the child where the tap put it. Afterwards {@link #readModelMismatches} compares
 * the query side's visits and locations with what the answers said (a tap never answered, with what it was meant
 * to do: that keeps a lost result apart from a wrong read model).
 */
final class ReaderSimulator implements AutoCloseable {

    static final long CHILD_PAUSE_MILLIS = 2_500;
    private static final double LEAVE = 0.35;
    private static final Duration DRAIN = Duration.ofSeconds(180);
    private static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(15);

    /** What one run did and measured. Latencies in nanoseconds, sorted. */
    record Report(String name, double offeredRate, Duration duration, int published, int answered, int duplicates,
                  int unanswered, int unexpected, List<String> unexpectedExamples, Map<String, Integer> actions,
                  List<Long> latencies, List<Long> visible, List<Long> visibleAfterAnswer, int notVisible,
                  double publishRate, double throughput,
                  Duration drain) {

        /** Every tap answered, none twice, each as the simulator expected, every sampled tap visible. */
        boolean clean() {
            return unanswered == 0 && duplicates == 0 && unexpected == 0 && notVisible == 0;
        }

        double millis(List<Long> sorted, double quantile) {
            return sorted.isEmpty() ? Double.NaN
                    : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * quantile) - 1)) / 1e6;
        }

        String row() {
            return String.format("| %s | %d | %.1f | %.1f | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms "
                            + "(%d sampled%s) | %d | %d | %d | %d |",
                    name, published, publishRate, throughput, millis(latencies, 0.5), millis(latencies, 0.99),
                    millis(latencies, 1.0), millis(visible, 0.99), millis(visibleAfterAnswer, 0.99), visible.size(),
                    notVisible == 0 ? "" : ", " + notVisible + " not visible", answered, duplicates, unanswered,
                    unexpected);
        }

        static String header() {
            return "| run | taps sent | sent/s | answered/s (sustained) | publish→result p50 | p99 | max "
                    + "| publish→visible in query side p99 | result→visible p99 | answered | answered twice "
                    + "| unanswered | unexpected |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|---|";
        }
    }

    private final class Child {
        final School.Child who;
        int room = -1; // -1: not in a room (not arrived yet, or out)
        long lastTappedAtMillis;
        int visits; // the visits the answers opened: checked_in and transferred
        Tap last; // its latest tap

        Child(School.Child who) {
            this.who = who;
        }
    }

    private final class Tap {
        final String id = UUID.randomUUID().toString();
        final Child child;
        final int fromRoom;
        final int toRoom;
        final String expected;
        final Reader reader;
        final AtomicInteger pending; // the answer, and the query-side probe if sampled
        long publishedAt;
        volatile long answeredAt;
        volatile String actual;

        Tap(Child child, int toRoom, String expected, Reader reader, boolean probed) {
            this.child = child;
            this.fromRoom = child.room;
            this.toRoom = toRoom;
            this.expected = expected;
            this.reader = reader;
            this.pending = new AtomicInteger(probed ? 2 : 1);
        }
    }

    private final List<School.Room> rooms;
    private final List<List<Reader>> readersByRoom = new ArrayList<>();
    private final List<Reader> readers = new ArrayList<>();
    private final List<Child> children = new ArrayList<>();
    private final Api query;
    private final String token;
    private final Random random;
    private final ConcurrentLinkedQueue<Child> free = new ConcurrentLinkedQueue<>();
    private final Map<String, Tap> taps = new ConcurrentHashMap<>();
    private final ExecutorService probes = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "visibility-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore probeSlots;
    private final Object lock = new Object();

    // per run
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> visible = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> visibleAfterAnswer = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final AtomicInteger notVisible = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final Map<String, AtomicInteger> actions = new ConcurrentHashMap<>();
    private volatile long lastAnswerAt;
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger probing = new AtomicInteger();

    /**
     * Connects one MQTT reader per registered reader of the rooms. {@code query} and {@code token} (an admin's) read
     * the query side; {@code probes} is how many taps may be watched on the query side at once (0: none).
     */
    ReaderSimulator(String brokerUrl, List<School.Room> rooms, List<School.Child> children, Api query, String token,
                    int probes, long seed) throws Exception {
        this.rooms = rooms;
        this.query = query;
        this.token = token;
        this.random = new Random(seed);
        this.probeSlots = new Semaphore(probes);
        for (School.Room room : rooms) {
            List<Reader> atRoom = new ArrayList<>();
            for (String deviceId : room.readers()) {
                Reader reader = Reader.connect(brokerUrl, deviceId, true);
                reader.onResult(this::answered);
                atRoom.add(reader);
                readers.add(reader);
            }
            readersByRoom.add(atRoom);
        }
        for (int i = 0; i < children.size(); i++) {
            Child child = new Child(children.get(i));
            this.children.add(child);
            free.add(child);
        }
    }

    /**
     * Plays the readers for {@code duration} at {@code rate} taps per second (0: as fast as children are free, at
     * most {@code window} taps unanswered at a time), then waits for the outstanding answers.
     */
    Report run(String name, double rate, Duration duration, int window, int probeEvery) throws InterruptedException {
        List<Tap> published = Collections.synchronizedList(new ArrayList<>());
        unanswered.set(0);
        probing.set(0);
        latencies.clear();
        visible.clear();
        visibleAfterAnswer.clear();
        unexpected.clear();
        notVisible.set(0);
        duplicates.set(0);
        actions.clear();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long interval = rate > 0 ? (long) (1e9 / rate) : 0;
        long next = start;
        int count = 0;
        while (System.nanoTime() < end) {
            if (interval > 0) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next += interval;
            } else {
                while (unanswered.get() >= window && System.nanoTime() < end) {
                    TimeUnit.MILLISECONDS.sleep(1);
                }
            }
            Child child = nextFreeChild(end);
            if (child == null) {
                break;
            }
            Tap tap = plan(child, probeEvery > 0 && count % probeEvery == 0 && probeSlots.tryAcquire());
            taps.put(tap.id, tap);
            published.add(tap);
            unanswered.incrementAndGet();
            if (tap.pending.get() == 2) {
                probing.incrementAndGet();
            }
            Instant tappedAt = Instant.now();
            child.lastTappedAtMillis = tappedAt.toEpochMilli();
            tap.publishedAt = System.nanoTime();
            try {
                tap.reader.tap(tap.id, child.who.tag(), rooms.get(tap.toRoom).id(), tappedAt);
            } catch (Exception e) {
                unexpected.add(tap.id + ": could not publish: " + e);
            }
            if (tap.pending.get() == 2) {
                probes.execute(() -> probe(tap));
            }
            count++;
        }
        long publishedUntil = System.nanoTime();
        long drainDeadline = publishedUntil + DRAIN.toNanos();
        while (System.nanoTime() < drainDeadline && (unanswered.get() > 0 || probing.get() > 0)) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return report(name, rate, published, start, publishedUntil);
    }

    /**
     * Children whose visits or location on the query side differ from what the answers said (empty: the read model
     * matches the taps). Waits up to {@code timeout} for the projection to catch up.
     */
    List<String> readModelMismatches(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Child> toCheck = new ArrayList<>(children);
        List<String> mismatches = new ArrayList<>();
        while (true) {
            mismatches.clear();
            List<Child> wrong = new ArrayList<>();
            for (Child child : toCheck) {
                String mismatch = mismatch(child);
                if (mismatch != null) {
                    mismatches.add(mismatch);
                    wrong.add(child);
                }
            }
            if (wrong.isEmpty() || System.nanoTime() > deadline) {
                return mismatches;
            }
            toCheck = wrong;
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /**
     * Over all runs, what the taps did: the action of each answer, and for a tap never answered the action it was
     * meant to have (a child with an unanswered tap taps no more, so that is where the simulator left it).
     */
    Map<String, Integer> actions() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Tap tap : taps.values()) {
            counts.merge(tap.answeredAt != 0 ? tap.actual : tap.expected, 1, Integer::sum);
        }
        return counts;
    }

    /** Over all runs, the taps that never got a result. */
    long unansweredTaps() {
        return taps.values().stream().filter(tap -> tap.answeredAt == 0).count();
    }

    /** Every tap id the simulator published. */
    List<String> tapIds() {
        return List.copyOf(taps.keySet());
    }

    List<UUID> childIds() {
        return children.stream().map(child -> child.who.id()).toList();
    }

    @Override
    public void close() {
        probes.shutdownNow();
        readers.forEach(Reader::close);
    }

    // --- scheduling ---

    private Tap plan(Child child, boolean probed) {
        int rooms = this.rooms.size();
        int target;
        String expected;
        if (child.room < 0) {
            target = random.nextInt(rooms);
            expected = "checked_in";
        } else if (rooms == 1 || random.nextDouble() < LEAVE) {
            target = child.room;
            expected = "checked_out";
        } else {
            target = (child.room + 1 + random.nextInt(rooms - 1)) % rooms;
            expected = "transferred";
        }
        List<Reader> atDoor = readersByRoom.get(target);
        Tap tap = new Tap(child, target, expected, atDoor.get(random.nextInt(atDoor.size())), probed);
        synchronized (lock) {
            child.last = tap;
            child.room = expected.equals("checked_out") ? -1 : target;
        }
        return tap;
    }

    /** The child free longest, once it may tap again; null when the run ends first. */
    private Child nextFreeChild(long end) throws InterruptedException {
        while (System.nanoTime() < end) {
            Child child = free.peek();
            if (child != null) {
                long wait = child.lastTappedAtMillis + CHILD_PAUSE_MILLIS - System.currentTimeMillis();
                if (wait <= 0) {
                    return free.poll();
                }
                TimeUnit.MILLISECONDS.sleep(Math.min(wait, 10));
            } else {
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }
        return null;
    }

    // --- answers (on Paho's threads: quick, never throwing) ---

    private void answered(Reader.Result result) {
        Tap tap = result.tapId() == null ? null : taps.get(result.tapId());
        if (tap == null) {
            return; // not one of ours
        }
        synchronized (tap) {
            if (tap.answeredAt != 0) {
                duplicates.incrementAndGet();
                return;
            }
            tap.answeredAt = result.receivedAt();
        }
        unanswered.decrementAndGet();
        lastAnswerAt = result.receivedAt();
        latencies.add(result.receivedAt() - tap.publishedAt);
        actions.computeIfAbsent(result.action() + (result.code() == null ? "" : " " + result.code()),
                action -> new AtomicInteger()).incrementAndGet();
        synchronized (lock) {
            if (tap.expected.equals(result.action())) {
                if (!tap.expected.equals("checked_out")) {
                    tap.child.visits++;
                }
            } else {
                unexpected.add(tap.id + " of child " + tap.child.who.id() + ": expected " + tap.expected + ", got "
                        + result.action() + (result.code() == null ? "" : " " + result.code()) + " ("
                        + result.message() + ")");
                // the simulator's idea of the child was wrong: the answer says what happened
                switch (result.action()) {
                    case "checked_in", "transferred" -> {
                        tap.child.room = tap.toRoom;
                        tap.child.visits++;
                    }
                    case "checked_out", "checked_out_daily" -> tap.child.room = -1;
                    default -> tap.child.room = tap.fromRoom;
                }
            }
        }
        tap.actual = result.action();
        release(tap);
    }

    private void release(Tap tap) {
        if (tap.pending.decrementAndGet() == 0) {
            free.add(tap.child);
        }
    }

    // --- the query side ---

    /**
     * Polls the child's location until it shows the tap. A tap the system has not answered yet is waited for (up to
     * the drain time); once answered, the query side has {@link #VISIBLE_TIMEOUT} to show it.
     */
    private void probe(Tap tap) {
        try {
            long giveUp = tap.publishedAt + DRAIN.toNanos();
            while (System.nanoTime() < (tap.answeredAt == 0 ? giveUp
                    : Math.min(giveUp, tap.answeredAt + VISIBLE_TIMEOUT.toNanos()))) {
                Api.Answer location = query.get("/api/students/" + tap.child.who.id() + "/location", token);
                if (location.status() == 200 && shows(location, tap)) {
                    long now = System.nanoTime();
                    visible.add(now - tap.publishedAt);
                    long answered = tap.answeredAt;
                    visibleAfterAnswer.add(answered == 0 ? 0 : Math.max(0, now - answered));
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            notVisible.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            notVisible.incrementAndGet();
        } finally {
            probeSlots.release();
            probing.decrementAndGet();
            release(tap);
        }
    }

    private boolean shows(Api.Answer location, Tap tap) {
        String status = location.body().path("location").path("status").asText();
        String room = location.body().path("location").path("roomId").asText();
        if (tap.expected.equals("checked_out")) {
            return !status.equals("PRESENT");
        }
        return status.equals("PRESENT") && room.equals(rooms.get(tap.toRoom).id().toString());
    }

    private String mismatch(Child child) {
        int visits;
        int room;
        synchronized (lock) {
            visits = child.visits;
            room = child.room;
            if (child.last != null && child.last.answeredAt == 0 && !child.last.expected.equals("checked_out")) {
                visits++; // never answered: judged by what it was meant to do
            }
        }
        Api.Answer answer = query.get("/api/students/" + child.who.id() + "/visits?size=1", token);
        if (answer.status() != 200) {
            return child.who.id() + ": visits answered " + answer;
        }
        long shown = answer.body().path("totalItems").asLong(-1);
        if (shown != visits) {
            return child.who.id() + ": " + visits + " visits answered, " + shown + " in the query side";
        }
        Api.Answer location = query.get("/api/students/" + child.who.id() + "/location", token);
        String status = location.body().path("location").path("status").asText();
        String shownRoom = location.body().path("location").path("roomId").asText();
        if (room >= 0 && !(status.equals("PRESENT") && shownRoom.equals(rooms.get(room).id().toString()))) {
            return child.who.id() + ": in " + rooms.get(room).name() + " by the answers, the query side shows "
                    + status + " " + shownRoom;
        }
        if (room < 0 && visits > 0 && status.equals("PRESENT")) {
            return child.who.id() + ": out by the answers, the query side shows it PRESENT in " + shownRoom;
        }
        return null;
    }

    private Report report(String name, double rate, List<Tap> published, long start, long publishedUntil) {
        List<Long> sortedLatencies = new ArrayList<>(latencies);
        Collections.sort(sortedLatencies);
        List<Long> sortedVisible = new ArrayList<>(visible);
        Collections.sort(sortedVisible);
        List<Long> sortedAfterAnswer = new ArrayList<>(visibleAfterAnswer);
        Collections.sort(sortedAfterAnswer);
        int answered;
        synchronized (published) {
            answered = (int) published.stream().filter(tap -> tap.answeredAt != 0).count();
        }
        double publishSeconds = (publishedUntil - start) / 1e9;
        long last = Math.max(lastAnswerAt, start + 1);
        Map<String, Integer> byAction = new TreeMap<>();
        actions.forEach((action, n) -> byAction.put(action, n.get()));
        List<String> examples = unexpected.stream().limit(10).toList();
        return new Report(name, rate, Duration.ofNanos(publishedUntil - start), published.size(), answered,
                duplicates.get(), published.size() - answered, unexpected.size(), examples, byAction,
                sortedLatencies, sortedVisible, sortedAfterAnswer, notVisible.get(), published.size() / publishSeconds,
                answered / ((last - start) / 1e9), Duration.ofNanos(Math.max(0, last - publishedUntil)));
    }

}
