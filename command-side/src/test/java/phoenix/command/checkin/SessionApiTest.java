package phoenix.command.checkin;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import phoenix.platform.testing.Api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Starting, changing and ending sessions on a reader. */
class SessionApiTest extends CheckInTest {

    private UUID room;
    private UUID activity;
    private UUID staff;

    @BeforeEach
    void aRoomAnActivityAndStaff() {
        at("13:00");
        room = registerRoom(unique("Werkraum"), 20);
        activity = registerActivity(unique("Basteln"), 12, room);
        staff = registerStaff("Bea", "Bastel", false);
    }

    @Test
    void startingASessionAnswersItAndTheReaderKnowsIt() {
        Reader reader = reader();

        Api.Answer started = start(reader, activity, room, staff, staff);

        assertThat(started.status()).isEqualTo(201);
        assertThat(started.body().path("roomName").asText()).startsWith("Werkraum");
        assertThat(started.body().path("supervisorIds")).hasSize(1); // duplicates collapse
        assertThat(started.body().path("activeStudents").asInt()).isZero();
        Api.Answer current = api.get("/api/iot/session/current", reader.key());
        assertThat(current.body().path("sessionId")).isEqualTo(started.body().path("sessionId"));
    }

    @Test
    void aSessionNeedsKnownSupervisorsAndARoom() {
        UUID nowhere = registerActivity(unique("Wandern"), 10, null);

        Api.Answer none = start(reader(), activity, room);
        Api.Answer unknown = start(reader(), activity, room, UUID.randomUUID());
        Api.Answer noRoom = start(reader(), nowhere, null, staff);
        Api.Answer unknownActivity = start(reader(), UUID.randomUUID(), room, staff);

        assertThat(none.status()).isEqualTo(400);
        assertThat(none.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("STAFF_NOT_FOUND");
        assertThat(noRoom.status()).isEqualTo(400);
        assertThat(noRoom.code()).isEqualTo("ROOM_REQUIRED");
        assertThat(unknownActivity.code()).isEqualTo("ACTIVITY_NOT_FOUND");
    }

    @Test
    void withoutAnActivitysPlannedRoomTheGivenRoomIsUsed() {
        UUID plannedElsewhere = registerRoom(unique("Geplant"), 5);
        UUID other = registerActivity(unique("Malen"), 5, plannedElsewhere);

        Api.Answer started = start(reader(), other, room, staff);

        assertThat(started.body().path("roomId").asText()).isEqualTo(room.toString());
    }

    @Test
    void whatAlreadyRunsIsAConflictTheStaffMayOverride() {
        Reader reader = reader();
        startedSession(reader, activity, room, staff);
        UUID otherRoom = registerRoom(unique("Nebenraum"), 10);
        UUID otherActivity = registerActivity(unique("Tanzen"), 10, otherRoom);

        Api.Answer sameDevice = start(reader, otherActivity, otherRoom, staff);
        Api.Answer sameActivity = start(reader(), activity, otherRoom, staff);
        Api.Answer sameRoom = start(reader(), otherActivity, room, staff);

        for (Api.Answer conflict : List.of(sameDevice, sameActivity, sameRoom)) {
            assertThat(conflict.status()).isEqualTo(409);
            assertThat(conflict.code()).isEqualTo("SESSION_CONFLICT");
            assertThat(conflict.body().path("canOverride").asBoolean()).isTrue();
        }
        assertThat(sameDevice.body().path("conflicts").get(0).path("conflict").asText()).isEqualTo("device");
        assertThat(sameActivity.body().path("conflicts").get(0).path("conflict").asText()).isEqualTo("activity");
        assertThat(sameRoom.body().path("conflicts").get(0).path("conflict").asText()).isEqualTo("room");
    }

    @Test
    void forcingANewSessionMovesTheChildrenInsteadOfCheckingThemOut() {
        Reader reader = reader();
        UUID old = startedSession(reader, activity, room, staff);
        String tag = randomTag();
        UUID child = studentWithTag("Mila", tag);
        tap(reader, tag, room);
        UUID newActivity = registerActivity(unique("Kneten"), 12, room);

        Api.Answer forced = startSession(reader, newActivity, room, true, staff);

        assertThat(forced.status()).isEqualTo(201);
        UUID replacement = UUID.fromString(forced.body().path("sessionId").asText());
        assertThat(sessionOf(child)).isEqualTo(replacement);
        assertThat(forced.body().path("activeStudents").asInt()).isEqualTo(1);
        List<StoredEvent> ended = events(old);
        assertThat(ended).extracting(StoredEvent::type).endsWith("StudentCheckedOut", "SessionEnded");
        assertThat(ended.get(ended.size() - 2).payload().path("cause").asText()).isEqualTo("SESSION_REPLACED");
        assertThat(ended.get(ended.size() - 1).payload().path("reason").asText()).isEqualTo("REPLACED");
        // attendance never closed
        assertThat(events(child + "/" + DAY)).extracting(StoredEvent::type).containsExactly("AttendanceOpened");
    }

    @Test
    void twoConcurrentStartsOfOneActivityLeaveExactlyOneSession() throws Exception {
        List<Reader> readers = List.of(reader(), reader(), reader(), reader());
        List<UUID> rooms = new ArrayList<>();
        for (int i = 0; i < readers.size(); i++) {
            rooms.add(registerRoom(unique("Raum"), 10));
        }
        ExecutorService pool = Executors.newFixedThreadPool(readers.size());
        try {
            List<Callable<Api.Answer>> starts = new ArrayList<>();
            for (int i = 0; i < readers.size(); i++) {
                Reader reader = readers.get(i);
                UUID where = rooms.get(i);
                starts.add(() -> start(reader, activity, where, staff));
            }
            List<Api.Answer> answers = new ArrayList<>();
            for (Future<Api.Answer> answer : pool.invokeAll(starts)) {
                answers.add(answer.get());
            }

            assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
            assertThat(answers).filteredOn(a -> a.status() != 201)
                    .allSatisfy(a -> assertThat(a.code()).isEqualTo("SESSION_CONFLICT"));
            assertThat(jdbc.sql("SELECT count(*) FROM active.running_sessions WHERE activity_id = ?")
                    .param(activity).query(Long.class).single()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void endingTheSessionLeavesItsChildrenInTransitAndASecondEndIs404() {
        Reader reader = reader();
        UUID session = startedSession(reader, activity, room, staff);
        String tag = randomTag();
        UUID child = studentWithTag("Nele", tag);
        tap(reader, tag, room);

        Api.Answer ended = api.post("/api/iot/session/end", reader.key(), null);
        Api.Answer again = api.post("/api/iot/session/end", reader.key(), null);

        assertThat(ended.status()).isEqualTo(200);
        assertThat(sessionOf(child)).isNull();
        assertThat(events(session)).extracting(StoredEvent::type).endsWith("StudentCheckedOut", "SessionEnded");
        assertThat(events(child + "/" + DAY)).extracting(StoredEvent::type).containsExactly("AttendanceOpened");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.code()).isEqualTo("NO_ACTIVE_SESSION");
        assertThat(api.get("/api/iot/session/current", reader.key()).code()).isEqualTo("NO_ACTIVE_SESSION");
    }

    @Test
    void theSupervisorsAreReplacedAsASetOfAtLeastOne() {
        Reader reader = reader();
        startedSession(reader, activity, room, staff);
        UUID other = registerStaff("Olaf", "Ober", false);

        Api.Answer replaced = api.put("/api/iot/session/supervisors", reader.key(), Map.of("supervisorIds", List.of(other)));
        Api.Answer empty = api.put("/api/iot/session/supervisors", reader.key(), Map.of("supervisorIds", List.of()));

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().path("supervisorIds").toString()).isEqualTo("[\"" + other + "\"]");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aPingMarksTheReaderAndItsSessionAsAlive() {
        Reader reader = reader();
        UUID session = startedSession(reader, activity, room, staff);
        at("13:20");

        Api.Answer pong = api.post("/api/iot/ping", reader.key(), null);

        assertThat(pong.body().path("sessionId").asText()).isEqualTo(session.toString());
        assertThat(jdbc.sql("SELECT last_activity_at FROM active.running_sessions WHERE session_id = ?")
                .param(session).query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(clock.instant());
        assertThat(jdbc.sql("SELECT last_seen FROM iot.device_heartbeats WHERE device_id = ?")
                .param(reader.deviceId()).query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(clock.instant());
    }

    @Test
    void aBusySessionIsLoadedFromItsSnapshotAndStillCountsRight() {
        Reader reader = reader();
        UUID hall = registerRoom(unique("Halle"), 100);
        UUID session = startedSession(reader, registerActivity(unique("Toben"), 100, hall), hall, staff);
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String tag = randomTag();
            studentWithTag("Kind" + i, tag);
            tags.add(tag);
            tap(reader, tag, hall);
        }
        for (String tag : tags.subList(0, 25)) {
            tap(reader, tag, hall, UUID.randomUUID().toString(), clock.instant().plusSeconds(5));
        }

        assertThat(events(session)).hasSize(56);
        assertThat(jdbc.sql("SELECT count(*) FROM eventstore.snapshot_event_entry WHERE aggregate_identifier = ?")
                .param(session.toString()).query(Long.class).single()).isPositive();
        Api.Answer last = tap(reader, tags.get(29), hall, UUID.randomUUID().toString(), clock.instant().plusSeconds(5));
        assertThat(last.body().path("action").asText()).isEqualTo("checked_out");
        assertThat(last.body().path("activeStudents").asInt()).isEqualTo(4);
    }
}
