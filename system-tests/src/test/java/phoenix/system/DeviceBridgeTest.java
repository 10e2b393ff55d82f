package phoenix.system;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import phoenix.platform.testing.Api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The device bridge as the "Done when" asks, on the real thing: command-side, query-side and device-bridge
 * as processes from their packaged jars, a fresh PostgreSQL database, and a Mosquitto with the project's loss-free
 * configuration on a port of its own. Readers are Paho clients publishing taps (QoS 1) and reading results; what
 * counted is read from the database. MQTT delivers at least once: a tap may be answered more than once, but it must
 * be answered, and it must count exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeviceBridgeTest {

    private static final int BURST = 1_000;
    private static final int BURST_ROOMS = 10;
    /** Random payloads, spread over the three readers of one room. */
    private static final int FUZZ = 3_000;

    private static PhoenixSystem system;
    private static School school;
    private static TapRecords records;
    private static Api query;
    private static final List<Reader> readers = new ArrayList<>();

    private static School.Room entrance;
    private static School.Room workshop;
    private static School.Room gym;
    private static final List<School.Room> burstRooms = new ArrayList<>();
    private static Reader atEntrance;
    private static Reader atWorkshop;
    private static final List<Reader> atGym = new ArrayList<>();
    private static final List<Reader> atBurstRooms = new ArrayList<>();
    private static List<School.Child> children;
    private static List<School.Child> outageBurstChildren;

    @BeforeAll
    static void aSchoolWithReaders() throws Exception {
        Awaitility.setDefaultPollInterval(Duration.ofMillis(50));
        Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
        long start = System.nanoTime();
        system = PhoenixSystem.start();
        long started = System.nanoTime();
        records = new TapRecords(system.dataSource());
        query = system.querySide();
        school = School.open(system.commandSide(), PhoenixSystem.ADMIN, PhoenixSystem.PASSWORD, "T");
        entrance = school.room("Eingang", 50, 1);
        workshop = school.room("Werkraum", 50, 1);
        gym = school.room("Turnhalle", 50, 3);
        for (int i = 0; i < BURST_ROOMS; i++) {
            burstRooms.add(school.room("Raum-" + i, BURST, 1));
        }
        school.reader("T-STATUS-1");
        school.reader("T-INACTIVE-1");
        children = school.children("Einzeln", 6);
        outageBurstChildren = school.children("Ausfall", BURST / 2);

        atEntrance = reader(entrance.readers().get(0));
        atWorkshop = reader(workshop.readers().get(0));
        for (String id : gym.readers()) {
            atGym.add(reader(id));
        }
        for (School.Room room : burstRooms) {
            atBurstRooms.add(reader(room.readers().get(0)));
        }
        // the bridge subscribes once connected: until it has, a tap would reach nobody
        Reader probe = reader("T-PROBE-1");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            probe.publish("probe".getBytes(StandardCharsets.UTF_8));
            return probe.resultCount() > 0;
        });
        System.out.printf("DeviceBridgeTest: apps started in %d s, school set up in %d s%n",
                Duration.ofNanos(started - start).toSeconds(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        readers.forEach(Reader::close);
        Awaitility.reset();
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aTapBecomesAVisitAndACheckedInResult() throws Exception {
        School.Child child = children.get(0);
        String tapId = UUID.randomUUID().toString();

        atEntrance.tap(tapId, child.tag(), entrance.id(), Instant.now());

        Reader.Result result = await().until(() -> atEntrance.results(tapId), answers -> !answers.isEmpty()).get(0);
        assertThat(result.action()).isEqualTo("checked_in");
        assertThat(result.message()).isEqualTo("Hallo Kind!");
        assertThat(result.code()).isNull();
        await().untilAsserted(() -> {
            Api.Answer location = query.get("/api/students/" + child.id() + "/location", school.token);
            assertThat(location.status()).isEqualTo(200);
            assertThat(location.body().path("present").asBoolean()).isTrue();
            assertThat(location.body().path("location").path("status").asText()).isEqualTo("PRESENT");
            assertThat(location.body().path("location").path("roomId").asText()).isEqualTo(entrance.id().toString());
        });
    }

    @Test
    void theSameTapPublishedTwiceIsAnsweredTwiceAlikeAndCountsOnce() throws Exception {
        School.Child child = children.get(1);
        String tapId = UUID.randomUUID().toString();
        Instant tappedAt = Instant.now();

        atEntrance.tap(tapId, child.tag(), entrance.id(), tappedAt);
        atEntrance.tap(tapId, child.tag(), entrance.id(), tappedAt);

        List<Reader.Result> answers = await().until(() -> atEntrance.results(tapId), found -> found.size() == 2);
        assertThat(answers).extracting(Reader.Result::action).containsExactly("checked_in", "checked_in");
        assertThat(answers.get(1).message()).isEqualTo(answers.get(0).message());
        assertThat(records.events(TapRecords.CHECKED_IN, List.of(child.id()))).isEqualTo(Map.of(child.id(), 1L));
        assertThat(records.processed(List.of(tapId))).isEqualTo(new TapRecords.Processed(1, 0));
        await().untilAsserted(() -> assertThat(records.visits(List.of(child.id())))
                .isEqualTo(Map.of(child.id(), new TapRecords.Visits(1, 1, entrance.id()))));
    }

    @Test
    void stoppingTheCommandSideForTenSecondsDuringABurstLosesNone() throws Exception {
        Burst burst = burst("outage", outageBurstChildren);

        burst.publish();
        burst.awaitAnswered(300);
        system.stopCommandSide();
        int answeredWhenStopped = burst.answered();
        // the outage lasts 10 s; all along the bridge holds the taps back instead of answering them otherwise
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(12))
                .until(() -> burst.unexpectedAnswers() == 0);
        system.startCommandSideAgain();

        assertThat(answeredWhenStopped).as("the outage came in the middle of the burst").isLessThan(BURST);
        burst.assertEveryTapAnsweredAndCountedOnce();
    }

    @Test
    void everyKindOfBadInputIsRejectedWithItsCodeAndRecordedAndTheNextValidTapStillWorks() throws Exception {
        String device = atWorkshop.deviceId;
        String room = workshop.id().toString();
        String tag = children.get(2).tag();
        String now = Instant.now().toString();
        record Case(String what, String payload, String code, String tapId) {
        }
        List<Case> cases = List.of(
                new Case("not JSON", "tap tap tap", "MALFORMED_MESSAGE", null),
                new Case("JSON, not an object", "[\"" + tag + "\"]", "MALFORMED_MESSAGE", null),
                new Case("tapId missing", json(Map.of("tag", tag, "roomId", room, "tappedAt", now)),
                        "MISSING_FIELD", null),
                new Case("tag missing", json(Map.of("tapId", "bad-1", "roomId", room, "tappedAt", now)),
                        "MISSING_FIELD", "bad-1"),
                new Case("tapId a number", json(Map.of("tapId", 42, "tag", tag, "roomId", room, "tappedAt", now)),
                        "INVALID_FIELD", null),
                new Case("tag a number", json(Map.of("tapId", "bad-2", "tag", 4711, "roomId", room)),
                        "INVALID_FIELD", "bad-2"),
                new Case("roomId not a UUID", json(Map.of("tapId", "bad-3", "tag", tag, "roomId", "Werkraum")),
                        "INVALID_FIELD", "bad-3"),
                new Case("tappedAt not a time", json(Map.of("tapId", "bad-4", "tag", tag, "tappedAt", "gestern")),
                        "INVALID_FIELD", "bad-4"),
                new Case("payload names another device", json(Map.of("tapId", "bad-5", "deviceId", "T-OTHER-1",
                        "tag", tag, "roomId", room, "tappedAt", now)), "DEVICE_MISMATCH", "bad-5"),
                new Case("invalid tag", json(Map.of("tapId", "bad-6", "tag", "not-hex!", "roomId", room)),
                        "INVALID_TAG", "bad-6"),
                new Case("tappedAt an hour ahead", json(Map.of("tapId", "bad-7", "tag", tag, "roomId", room,
                        "tappedAt", Instant.now().plus(Duration.ofHours(1)).toString())), "TAPPED_AT_IN_FUTURE",
                        "bad-7"),
                new Case("payload over 4 KiB", json(Map.of("tapId", "bad-8", "tag", tag, "roomId", room,
                        "padding", "x".repeat(4_200))), "PAYLOAD_TOO_LARGE", null));

        SoftAssertions softly = new SoftAssertions();
        for (Case bad : cases) {
            long recordedBefore = records.rejected(device, bad.code(), bad.tapId());
            Reader.Result result = nextResult(atWorkshop, () -> atWorkshop.publish(bytes(bad.payload())));
            softly.assertThat(result.action()).as(bad.what() + ": action").isEqualTo("rejected");
            softly.assertThat(result.code()).as(bad.what() + ": code").isEqualTo(bad.code());
            softly.assertThat(result.tapId()).as(bad.what() + ": tapId").isEqualTo(bad.tapId());
            softly.assertThat(records.rejected(device, bad.code(), bad.tapId()) - recordedBefore)
                    .as(bad.what() + ": recorded in iot.rejected_messages").isEqualTo(1);
        }
        softly.assertAll();

        String valid = UUID.randomUUID().toString();
        Reader.Result result = nextResult(atWorkshop,
                () -> atWorkshop.tap(valid, tag, workshop.id(), Instant.now()));
        assertThat(result.tapId()).isEqualTo(valid);
        assertThat(result.action()).isEqualTo("checked_in");
    }

    @Test
    void aTapOfAnUnregisteredReaderIsRejectedUnknownDeviceAndRecorded() throws Exception {
        Reader nobody = reader("T-NOBODY-1");
        String tapId = UUID.randomUUID().toString();

        Reader.Result result = nextResult(nobody,
                () -> nobody.tap(tapId, children.get(3).tag(), entrance.id(), Instant.now()));

        assertThat(result).extracting(Reader.Result::tapId, Reader.Result::action, Reader.Result::code)
                .containsExactly(tapId, "rejected", "UNKNOWN_DEVICE");
        assertThat(records.rejected("T-NOBODY-1", "UNKNOWN_DEVICE", tapId)).isEqualTo(1);
        assertThat(records.events(TapRecords.CHECKED_IN, List.of(children.get(3).id()))).isEmpty();
    }

    @Test
    void aTapOnATopicThatNamesNoValidReaderIsRecordedAsInvalidDeviceId() throws Exception {
        // no result topic can be derived from such a topic level: the refusal is only recorded
        Reader nameless = reader("no such reader!");

        nameless.tap(UUID.randomUUID().toString(), children.get(3).tag(), entrance.id(), Instant.now());

        await().until(() -> records.rejectedOnTopic(nameless.topic("taps"), "INVALID_DEVICE_ID"), rows -> rows == 1);
        Reader.Result next = nextResult(atEntrance,
                () -> atEntrance.tap(UUID.randomUUID().toString(), "DEADBEEF00", entrance.id(), Instant.now()));
        assertThat(next.code()).as("the next tap of another reader is answered").isEqualTo("UNKNOWN_TAG");
        assertThat(nameless.results()).isEmpty();
    }

    @Test
    void aTapOfAnInactiveReaderIsRejectedDeviceInactiveAndRecorded() throws Exception {
        school.readerStatus("T-INACTIVE-1", "INACTIVE");
        Reader inactive = reader("T-INACTIVE-1");
        String tapId = UUID.randomUUID().toString();

        Reader.Result result = nextResult(inactive,
                () -> inactive.tap(tapId, children.get(4).tag(), entrance.id(), Instant.now()));

        assertThat(result).extracting(Reader.Result::tapId, Reader.Result::action, Reader.Result::code)
                .containsExactly(tapId, "rejected", "DEVICE_INACTIVE");
        assertThat(records.rejected("T-INACTIVE-1", "DEVICE_INACTIVE", tapId)).isEqualTo(1);
        assertThat(records.events(TapRecords.CHECKED_IN, List.of(children.get(4).id()))).isEmpty();
    }

    @Test
    void thousandsOfRandomPayloadsAreEachAnsweredRejectedAndAValidTapStillWorks() throws Exception {
        long seed = ThreadLocalRandom.current().nextLong();
        Random random = new Random(seed);
        String valid = json(Map.of("tapId", "fuzz-template", "tag", School.randomTag(),
                "roomId", gym.id().toString(), "tappedAt", Instant.now().toString()));
        Map<Reader, Integer> before = new LinkedHashMap<>();
        atGym.forEach(reader -> before.put(reader, reader.resultCount()));
        for (int i = 0; i < FUZZ; i++) {
            atGym.get(i % atGym.size()).publish(fuzz(random, valid, i / atGym.size()));
        }

        int each = FUZZ / atGym.size();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(atGym).as("answers to random payloads on each reader (seed %d)", seed)
                        .allSatisfy(reader -> assertThat(reader.resultCount() - before.get(reader))
                                .isGreaterThanOrEqualTo(each)));
        List<Reader.Result> answers = new ArrayList<>();
        for (Reader reader : atGym) {
            List<Reader.Result> ofReader = reader.results().subList(before.get(reader), reader.resultCount());
            assertThat(ofReader).as("answers to %d random payloads on %s (seed %d)", each, reader, seed)
                    .hasSize(each);
            answers.addAll(ofReader);
        }
        assertThat(answers).as("random payloads that were not rejected (seed %d)", seed)
                .filteredOn(answer -> !answer.rejected()).isEmpty();
        assertThat(answers.stream().map(Reader.Result::code).collect(Collectors.toSet()))
                .as("codes of the answers (seed %d)", seed).isSubsetOf(Set.of("MALFORMED_MESSAGE",
                        "MISSING_FIELD", "INVALID_FIELD", "INVALID_TAG", "DEVICE_MISMATCH", "TAPPED_AT_IN_FUTURE",
                        "PAYLOAD_TOO_LARGE", "UNKNOWN_TAG"));

        Reader reader = atGym.get(0);
        String tapId = UUID.randomUUID().toString();
        Reader.Result result = nextResult(reader,
                () -> reader.tap(tapId, children.get(5).tag(), gym.id(), Instant.now()));
        assertThat(result.tapId()).isEqualTo(tapId);
        assertThat(result.action()).isEqualTo("checked_in");
        assertThat(system.deviceBridge().get("/actuator/health", null).body().path("status").asText())
                .isEqualTo("UP");
    }

    /**
     * More results at once than Paho lets be unconfirmed by default: a result that failed to publish used to leave its
     * tap unanswered. Last, so that such a failure cannot spill into the tests that restart the bridge.
     */
    @Test
    @Order(Order.DEFAULT + 1)
    void aThousandMessagesFromTwentyReadersAtOnceAreEachAnswered() throws Exception {
        // more readers than the bridge has workers: results are published by many threads at once
        List<Reader> many = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            many.add(reader(String.format("T-MANY-%02d", i)));
        }

        for (int i = 0; i < 50; i++) {
            for (Reader reader : many) {
                reader.publish(bytes("not a tap " + i));
            }
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(many).as("readers with fewer than 50 answers")
                        .filteredOn(reader -> reader.resultCount() < 50).isEmpty());
        assertThat(many).allSatisfy(reader -> assertThat(reader.results()).hasSize(50)
                .extracting(Reader.Result::code).containsOnly("MALFORMED_MESSAGE"));
    }

    /** After the taps of the other tests: counters and per-reader gauges exist once something happened. */
    @Test
    @Order(Order.DEFAULT + 2)
    void theDashboardQueriesOnlyMetricsTheAppsExposeAndOnlyTheMetricsTokenReadsThem() throws Exception {
        Map<String, String> token = Map.of("Authorization", "Bearer " + PhoenixSystem.METRICS_TOKEN,
                "Accept", "text/plain");
        Set<String> exposed = new java.util.TreeSet<>();
        for (Api app : List.of(system.commandSide(), system.querySide(), system.deviceBridge())) {
            Api.Answer metrics = app.get("/actuator/prometheus", null, token);
            assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
            exposed.addAll(DashboardMetrics.exposed(metrics.text()));
            assertThat(app.get("/actuator/prometheus", null).status()).as("without the token").isEqualTo(401);
            assertThat(app.get("/actuator/prometheus", school.token).status()).as("with an admin's token").isEqualTo(401);
        }

        List<String> expressions = DashboardMetrics.expressions();
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(20);
        for (String expression : expressions) {
            assertThat(DashboardMetrics.metricNames(expression)).as(expression).isNotEmpty()
                    .allSatisfy(name -> assertThat(exposed).as("exposed metrics").contains(name));
        }
    }

    @Test
    void aReadersRetainedStatusShowsOnTheQuerySideAsOnlineOrOffline() throws Exception {
        // T-STATUS-1 never used the device API: its online state can only come from its status topic
        Reader reader = Reader.connect(system.broker.url(), "T-STATUS-1", true);
        readers.add(reader);

        await().untilAsserted(() -> assertThat(records.online("T-STATUS-1")).isTrue());
        await().untilAsserted(() -> assertThat(device("T-STATUS-1"))
                .containsEntry("connected", "true").containsEntry("online", "true"));

        reader.dropConnection(); // the broker publishes its last will: retained "offline"

        await().untilAsserted(() -> assertThat(records.online("T-STATUS-1")).isFalse());
        await().untilAsserted(() -> assertThat(device("T-STATUS-1"))
                .containsEntry("connected", "false").containsEntry("online", "false"));
    }

    /** GET /api/devices/{id} on the query side: its connected and online fields. */
    private static Map<String, String> device(String deviceId) {
        Api.Answer device = query.get("/api/devices/" + deviceId, school.token);
        assertThat(device.status()).as(device.toString()).isEqualTo(200);
        return Map.of("connected", device.body().path("connected").asText(),
                "online", device.body().path("online").asText());
    }

    private static Burst burst(String name, List<School.Child> tapping) throws Exception {
        return new Burst(name, records, burstRooms, atBurstRooms, tapping);
    }

    private interface Publishing {
        void publish() throws Exception;
    }

    /** Publishes and returns the reader's next result: the bridge answers each reader's messages in order. */
    private static Reader.Result nextResult(Reader reader, Publishing publishing) throws Exception {
        int before = reader.resultCount();
        publishing.publish();
        await().until(() -> reader.resultCount() > before);
        return reader.results().get(before);
    }

    private static Reader reader(String deviceId) throws Exception {
        Reader reader = Reader.connect(system.broker.url(), deviceId, true);
        readers.add(reader);
        return reader;
    }

    /**
     * A random payload: random bytes, random JSON, a JSON object with the tap's fields holding random values, the
     * valid message cut short, or random bytes beyond the size limit.
     */
    private static byte[] fuzz(Random random, String valid, int i) {
        switch (i % 8) {
            case 0, 1 -> {
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                return bytes;
            }
            case 2, 3 -> {
                return bytes(json(randomJson(random, 3)));
            }
            case 4, 5 -> {
                Map<String, Object> tap = new LinkedHashMap<>();
                for (String field : List.of("tapId", "tag", "roomId", "tappedAt", "deviceId")) {
                    if (random.nextInt(5) > 0) {
                        tap.put(field, randomValue(random, 2));
                    }
                }
                return bytes(json(tap));
            }
            case 6 -> {
                return bytes(valid.substring(0, random.nextInt(valid.length())));
            }
            default -> {
                byte[] bytes = new byte[4_097 + random.nextInt(4_000)];
                random.nextBytes(bytes);
                return bytes;
            }
        }
    }

    private static Object randomJson(Random random, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            object.put(randomText(random), randomValue(random, depth - 1));
        }
        return random.nextInt(4) == 0 ? Arrays.asList(object, randomValue(random, depth - 1)) : object;
    }

    private static Object randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 10 : 8)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble();
            case 4 -> randomText(random);
            case 5 -> School.randomTag();
            case 6 -> UUID.randomUUID().toString();
            case 7 -> Instant.now().plusSeconds(random.nextInt(7_200) - 3_600).toString();
            case 8 -> randomJson(random, depth);
            default -> Arrays.asList(randomValue(random, depth - 1), randomValue(random, depth - 1));
        };
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(20);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(random.nextInt(4) == 0 ? 0x20 + random.nextInt(0x3000) : 'a' + random.nextInt(26));
        }
        return text.toString();
    }

    private static String json(Object message) {
        return new String(Reader.bytes(message), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
