package phoenix.command.checkin;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import phoenix.platform.testing.Api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The tap rules through the device API, against the real database. */
class TapApiTest extends CheckInTest {

    private UUID homeRoom;
    private UUID gym;
    private UUID teacher;
    private UUID group;
    private UUID homework;
    private UUID football;
    private Reader homeReader;
    private Reader gymReader;

    @BeforeEach
    void anAfternoon() {
        at("13:00");
        homeRoom = registerRoom(unique("Sternenzimmer"), 20);
        gym = registerRoom(unique("Turnhalle"), 30);
        teacher = registerStaff("Tanja", "Team", true);
        group = createGroup(unique("Sternengruppe"), homeRoom, teacher);
        homework = registerActivity(unique("Hausaufgaben"), 20, homeRoom);
        football = registerActivity(unique("Fußball"), 16, gym);
        homeReader = reader();
        gymReader = reader();
        startedSession(homeReader, homework, homeRoom, teacher);
        startedSession(gymReader, football, gym, teacher);
    }

    private UUID childInGroup(String name, String tag) {
        UUID child = studentWithTag(name, tag);
        api.put("/api/students/" + child + "/group", admin, Map.of("groupId", group));
        return child;
    }

    @Test
    void aFirstTapChecksTheChildInAndOpensAttendance() {
        String tag = randomTag();
        UUID child = childInGroup("Leon", tag);

        Api.Answer answer = tap(homeReader, tag, homeRoom);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("action").asText()).isEqualTo("checked_in");
        assertThat(answer.body().path("studentId").asText()).isEqualTo(child.toString());
        assertThat(answer.body().path("studentName").asText()).isEqualTo("Leon Muster");
        assertThat(answer.body().path("message").asText()).isEqualTo("Hallo Leon!");
        assertThat(answer.body().path("activeStudents").asInt()).isEqualTo(1);
        assertThat(answer.body().path("dailyCheckoutAvailable").asBoolean()).isFalse();
        assertThat(events(child + "/" + DAY)).extracting(StoredEvent::type).containsExactly("AttendanceOpened");
        assertThat(sessionOf(child)).isNotNull();
        assertThat(answer.position()).isGreaterThan(0);
    }

    @Test
    void theSameTapDeliveredTwiceAnswersTheSameAndChangesNothing() {
        String tag = randomTag();
        childInGroup("Mia", tag);
        Instant now = clock.instant();
        Api.Answer first = tap(homeReader, tag, homeRoom, "tap-" + tag, now);
        long events = eventCount();

        Api.Answer again = tap(homeReader, tag, homeRoom, "tap-" + tag, now);

        assertThat(again.body()).isEqualTo(first.body());
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aRefusedTapDeliveredAgainIsRefusedTheSameWay() {
        String tag = randomTag();

        Api.Answer first = tap(homeReader, tag, homeRoom, "unknown-" + tag, clock.instant());
        UUID child = studentWithTag("Lars", tag); // the tag becomes known meanwhile
        Api.Answer again = tap(homeReader, tag, homeRoom, "unknown-" + tag, clock.instant());

        assertThat(first.status()).isEqualTo(404);
        assertThat(first.code()).isEqualTo("UNKNOWN_TAG");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.code()).isEqualTo("UNKNOWN_TAG");
        assertThat(sessionOf(child)).isNull();
    }

    @Test
    void theSameTagOnTheSameReaderWithinTheDebounceWindowDoesNothing() {
        String tag = randomTag();
        UUID child = childInGroup("Ben", tag);
        Instant now = clock.instant();
        tap(homeReader, tag, homeRoom, UUID.randomUUID().toString(), now);

        Api.Answer bounce = tap(homeReader, tag, homeRoom, UUID.randomUUID().toString(), now.plusMillis(1500));
        Api.Answer later = tap(homeReader, tag, homeRoom, UUID.randomUUID().toString(), now.plusSeconds(5));

        assertThat(bounce.body().path("action").asText()).isEqualTo("no_action");
        assertThat(later.body().path("action").asText()).isEqualTo("checked_out");
        assertThat(sessionOf(child)).isNull();
    }

    @Test
    void leavingARoomIsNotGoingHome() {
        String tag = randomTag();
        UUID child = childInGroup("Ida", tag);
        tap(homeReader, tag, homeRoom);

        Api.Answer out = tap(homeReader, tag, homeRoom, UUID.randomUUID().toString(), clock.instant().plusSeconds(10));

        assertThat(out.body().path("action").asText()).isEqualTo("checked_out");
        assertThat(out.body().path("message").asText()).isEqualTo("Bis später, Ida!");
        assertThat(sessionOf(child)).isNull();
        // attendance stays open: the child is in transit, not at home
        assertThat(events(child + "/" + DAY)).extracting(StoredEvent::type).containsExactly("AttendanceOpened");
    }

    @Test
    void afterTheDailyCheckoutTimeATapOutOfTheHomeRoomOffersGoingHome() {
        String tag = randomTag();
        UUID child = childInGroup("Noah", tag);
        at("15:20");
        tap(homeReader, tag, homeRoom);

        Api.Answer out = tap(homeReader, tag, homeRoom, UUID.randomUUID().toString(), clock.instant().plusSeconds(10));

        assertThat(out.body().path("action").asText()).isEqualTo("checked_out_daily");
        assertThat(out.body().path("dailyCheckoutAvailable").asBoolean()).isTrue();
        assertThat(events(child + "/" + DAY)).extracting(StoredEvent::type)
                .containsExactly("AttendanceOpened", "DailyCheckoutOffered");
    }

    @Test
    void afterTheDailyCheckoutTimeATapOutOfAnotherRoomIsAPlainCheckOut() {
        String tag = randomTag();
        childInGroup("Ella", tag);
        at("16:00");
        tap(gymReader, tag, gym);

        Api.Answer out = tap(gymReader, tag, gym, UUID.randomUUID().toString(), clock.instant().plusSeconds(10));

        assertThat(out.body().path("action").asText()).isEqualTo("checked_out");
        assertThat(out.body().path("dailyCheckoutAvailable").asBoolean()).isFalse();
    }

    @Test
    void confirmingHomeClosesAttendanceOnceAndInTransitChangesNothing() {
        String tag = randomTag();
        UUID child = childInGroup("Paul", tag);
        at("15:30");
        tap(homeReader, tag, homeRoom);
        tap(homeReader, tag, homeRoom, UUID.randomUUID().toString(), clock.instant().plusSeconds(10));

        Api.Answer inTransit = api.post("/api/iot/daily-checkout", homeReader.key(),
                Map.of("tag", tag, "destination", "in_transit"));
        Api.Answer home = api.post("/api/iot/daily-checkout", homeReader.key(), Map.of("tag", tag, "destination", "home"));
        Api.Answer again = api.post("/api/iot/daily-checkout", homeReader.key(), Map.of("tag", tag, "destination", "home"));

        assertThat(inTransit.body().path("action").asText()).isEqualTo("in_transit");
        assertThat(home.body().path("message").asText()).isEqualTo("Tschüss Paul!");
        assertThat(again.status()).isEqualTo(200);
        assertThat(events(child + "/" + DAY)).extracting(StoredEvent::type)
                .containsExactly("AttendanceOpened", "DailyCheckoutOffered", "AttendanceClosed");
    }

    @Test
    void aDailyCheckoutNeedsADestinationAndAnAttendanceToday() {
        String tag = randomTag();
        childInGroup("Emil", tag);

        Api.Answer none = api.post("/api/iot/daily-checkout", homeReader.key(), Map.of("tag", tag, "destination", "home"));
        Api.Answer missing = api.post("/api/iot/daily-checkout", homeReader.key(), Map.of("tag", tag));
        Api.Answer elsewhere = api.post("/api/iot/daily-checkout", homeReader.key(),
                Map.of("tag", tag, "destination", "mars"));

        assertThat(none.status()).isEqualTo(404);
        assertThat(none.code()).isEqualTo("NO_ATTENDANCE_TODAY");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("INVALID_DESTINATION");
        assertThat(elsewhere.code()).isEqualTo("INVALID_DESTINATION");
    }

    @Test
    void aCheckInAfterGoingHomeReopensAttendance() {
        String tag = randomTag();
        UUID child = childInGroup("Lina", tag);
        tap(homeReader, tag, homeRoom);
        api.post("/api/iot/daily-checkout", homeReader.key(), Map.of("tag", tag, "destination", "home"));

        Api.Answer back = tap(gymReader, tag, gym, UUID.randomUUID().toString(), clock.instant().plusSeconds(60));

        assertThat(back.body().path("action").asText()).isEqualTo("checked_in");
        List<StoredEvent> day = events(child + "/" + DAY);
        assertThat(day).extracting(StoredEvent::type)
                .containsExactly("AttendanceOpened", "AttendanceClosed", "AttendanceOpened");
        assertThat(day.get(2).payload().path("reopened").asBoolean()).isTrue();
    }

    @Test
    void aTapInAnotherRoomTransfersTheChildInOneStep() {
        String tag = randomTag();
        UUID child = childInGroup("Finn", tag);
        tap(homeReader, tag, homeRoom);
        UUID before = sessionOf(child);

        Api.Answer moved = tap(gymReader, tag, gym);

        assertThat(moved.body().path("action").asText()).isEqualTo("transferred");
        assertThat(moved.body().path("previousRoom").asText()).startsWith("Sternenzimmer");
        assertThat(moved.body().path("roomName").asText()).startsWith("Turnhalle");
        assertThat(moved.body().path("message").asText()).startsWith("Gewechselt von Sternenzimmer");
        assertThat(sessionOf(child)).isNotNull().isNotEqualTo(before);
        StoredEvent out = events(before).stream().filter(e -> e.type().equals("StudentCheckedOut")).findFirst().orElseThrow();
        assertThat(out.payload().path("cause").asText()).isEqualTo("TRANSFERRED");
    }

    @Test
    void aTransferIntoAFullRoomLeavesTheChildWhereItWas() {
        UUID tiny = registerRoom(unique("Kammer"), 1);
        Reader tinyReader = reader();
        startedSession(tinyReader, registerActivity(unique("Lesen"), 5, tiny), tiny, teacher);
        String firstTag = randomTag();
        childInGroup("Anna", firstTag);
        tap(tinyReader, firstTag, tiny);
        String tag = randomTag();
        UUID child = childInGroup("Jonas", tag);
        tap(homeReader, tag, homeRoom);
        UUID before = sessionOf(child);
        long events = eventCount();

        Api.Answer refused = tap(tinyReader, tag, tiny);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("ROOM_CAPACITY_EXCEEDED");
        assertThat(refused.body().path("roomName").asText()).startsWith("Kammer");
        assertThat(refused.body().path("current").asInt()).isEqualTo(1);
        assertThat(refused.body().path("capacity").asInt()).isEqualTo(1);
        assertThat(sessionOf(child)).isEqualTo(before);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void theActivitysMaximumIsALimitToo() {
        UUID hall = registerRoom(unique("Halle"), 50);
        Reader hallReader = reader();
        startedSession(hallReader, registerActivity(unique("Schach"), 1, hall), hall, teacher);
        String first = randomTag();
        childInGroup("Ole", first);
        tap(hallReader, first, hall);
        String second = randomTag();
        childInGroup("Uwe", second);

        Api.Answer refused = tap(hallReader, second, hall);

        assertThat(refused.code()).isEqualTo("ACTIVITY_CAPACITY_EXCEEDED");
        assertThat(refused.body().path("activityName").asText()).startsWith("Schach");
        assertThat(refused.body().path("capacity").asInt()).isEqualTo(1);
    }

    @Test
    void tapsWithoutASessionOrRoomOrKnownTagAreRefused() {
        UUID empty = registerRoom(unique("Leerraum"), 5);
        Reader idle = reader();
        String tag = randomTag();
        childInGroup("Zoe", tag);

        Api.Answer noSession = tap(homeReader, tag, empty);
        Api.Answer noRoom = tap(idle, tag, null);
        Api.Answer unknownTag = tap(homeReader, randomTag(), homeRoom);
        Api.Answer invalidTag = tap(homeReader, "nicht-hex", homeRoom);

        assertThat(noSession.status()).isEqualTo(404);
        assertThat(noSession.code()).isEqualTo("NO_ACTIVE_SESSION");
        assertThat(noRoom.status()).isEqualTo(400);
        assertThat(noRoom.code()).isEqualTo("ROOM_REQUIRED");
        assertThat(unknownTag.code()).isEqualTo("UNKNOWN_TAG");
        assertThat(invalidTag.code()).isEqualTo("INVALID_TAG");
    }

    @Test
    void aTapWithoutRoomCountsForTheReadersSessionsRoom() {
        String tag = randomTag();
        childInGroup("Kai", tag);

        Api.Answer answer = tap(homeReader, tag, null);

        assertThat(answer.body().path("roomName").asText()).startsWith("Sternenzimmer");
    }

    @Test
    void aStaffTapJoinsTheReadersSessionAsSupervisorOnce() {
        String tag = randomTag();
        UUID staff = staffWithTag("Sabine", tag);

        Api.Answer joined = tap(gymReader, tag, gym);
        Api.Answer idle = tap(reader(), tag, null);

        assertThat(joined.body().path("action").asText()).isEqualTo("supervisor_authenticated");
        assertThat(joined.body().path("message").asText()).startsWith("Hallo Sabine");
        UUID session = UUID.fromString(api.get("/api/iot/session/current", gymReader.key()).body().path("sessionId").asText());
        assertThat(api.get("/api/iot/session/current", gymReader.key()).body().path("supervisorIds").toString())
                .contains(staff.toString());
        assertThat(events(session)).extracting(StoredEvent::type).containsOnlyOnce("SupervisorJoined");
        assertThat(idle.code()).isEqualTo("NO_ACTIVE_SESSION");
    }

    @Test
    void aCheckInEndsASickReport() {
        String tag = randomTag();
        UUID child = childInGroup("Tom", tag);
        api.put("/api/students/" + child + "/sickness", admin, Map.of("sick", true));

        tap(homeReader, tag, homeRoom);

        assertThat(events(child)).extracting(StoredEvent::type).endsWith("StudentMarkedSick", "StudentMarkedWell");
    }

    @Test
    void theSchoolyardGetsASessionOnItsFirstTap() {
        // the schoolyard is "Schulhof"; only one room may have that name
        UUID yard = jdbc.sql("SELECT room_id FROM facilities.room_names WHERE name_key = 'schulhof'")
                .query(UUID.class).optional().orElseGet(() -> registerRoom("Schulhof", 100));
        String tag = randomTag();
        UUID child = childInGroup("Yara", tag);

        Api.Answer answer = tap(reader(), tag, yard);

        assertThat(answer.body().path("action").asText()).isIn("checked_in", "transferred");
        UUID session = sessionOf(child);
        StoredEvent started = events(session).get(0);
        assertThat(started.type()).isEqualTo("SessionStarted");
        assertThat(started.payload().path("deviceId").isNull()).isTrue();
        assertThat(started.payload().path("supervisorIds")).isEmpty();
    }
}
