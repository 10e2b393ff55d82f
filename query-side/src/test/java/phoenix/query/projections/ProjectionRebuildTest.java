package phoenix.query.projections;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import phoenix.api.activities.ActivityRegistered;
import phoenix.api.groups.GroupCreated;
import phoenix.api.groups.GroupDeleted;
import phoenix.api.people.PersonKind;
import phoenix.api.people.StaffRegistered;
import phoenix.api.people.StudentRegistered;
import phoenix.api.rooms.RoomDetails;
import phoenix.api.rooms.RoomDetailsChanged;
import phoenix.api.rooms.RoomRegistered;
import phoenix.api.tags.TagAssigned;
import phoenix.platform.testing.Api;
import phoenix.query.QuerySideTest;
import phoenix.query.position.ProjectionPositions;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProjectionRebuildTest extends QuerySideTest {

    @Autowired
    private ProjectionRebuilds rebuilds;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private ProjectionPositions positions;

    @AfterEach
    void releaseTheSwap() {
        rebuilds.whileLocked = name -> {
        };
    }

    @Test
    void aRebuildRestoresRoomsThatWereCorruptedByHand() {
        UUID kept = room("Rebuild-A ");
        UUID renamed = room("Rebuild-B ");
        UUID ghost = UUID.randomUUID();
        long position = append("Room", renamed, new RoomDetailsChanged(renamed,
                new RoomDetails("Rebuild-B2 " + renamed, "Haus 2", 1, 9, "Lernen")));
        getAfter(position, "/api/rooms/" + renamed, admin);
        List<UUID> rooms = List.of(kept, renamed, ghost);
        List<Map<String, Object>> before = rows("facilities.rooms", "id", rooms);
        assertThat(before).hasSize(2);

        jdbc.sql("UPDATE facilities.rooms SET name = 'kaputt', capacity = 0 WHERE id = ?").param(kept).update();
        jdbc.sql("DELETE FROM facilities.rooms WHERE id = ?").param(renamed).update();
        jdbc.sql("INSERT INTO facilities.rooms (id, name, capacity, registered_at, updated_at) "
                + "VALUES (?, 'Gespenst', 1, now(), now())").param(ghost).update();
        assertThat(rows("facilities.rooms", "id", rooms)).isNotEqualTo(before);

        Api.Answer started = api.post("/api/admin/projections/facilities/rebuild", admin, null);
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().path("state").asText()).isEqualTo("rebuilding");
        assertThat(started.body().path("rebuild").path("phase").asText()).isIn("CATCHING_UP", "SWAPPING");
        awaitRebuilt("facilities");

        assertThat(rows("facilities.rooms", "id", rooms)).isEqualTo(before);
        assertTheShadowIsGone("facilities");
    }

    /** Several tables each, foreign keys among them, a cascade the projector relies on (a deleted group's teachers). */
    @Test
    void rebuildsOfUsersAndEducationRestoreEveryTableOfTheirProjector() {
        UUID teacher = UUID.randomUUID();
        UUID student = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        String tag = "REBUILD" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        append("Staff", teacher, new StaffRegistered(teacher, "Anna", "Becker", "anna@schule.de", "Erzieherin", true));
        append("Student", student, new StudentRegistered(student, "Leon", "Maier", "2a", LocalDate.of(2017, 3, 1)));
        append("Student", student, new TagAssigned(student, PersonKind.STUDENT, tag, null));
        append("OgsGroup", kept, new GroupCreated(kept, "Füchse " + kept, UUID.randomUUID(), Set.of(teacher)));
        append("OgsGroup", deleted, new GroupCreated(deleted, "Eulen " + deleted, UUID.randomUUID(), Set.of(teacher)));
        long position = append("OgsGroup", deleted, new GroupDeleted(deleted, "Eulen " + deleted));
        awaitProjected(position);
        List<UUID> people = List.of(teacher, student);
        List<UUID> groups = List.of(kept, deleted);
        Supplier<Map<String, List<Map<String, Object>>>> snapshot = () -> {
            Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
            rows.put("users.persons", rows("users.persons", "id", people));
            rows.put("users.staff", rows("users.staff", "person_id", people));
            rows.put("users.teachers", rows("users.teachers", "staff_id", people));
            rows.put("users.students", rows("users.students", "person_id", people));
            rows.put("users.person_tags", rows("users.person_tags", "person_id", people));
            rows.put("education.groups", rows("education.groups", "id", groups));
            rows.put("education.group_teacher", rows("education.group_teacher", "group_id", groups));
            return rows;
        };
        Map<String, List<Map<String, Object>>> before = snapshot.get();
        assertThat(before.get("users.teachers")).hasSize(1);
        assertThat(before.get("users.person_tags")).hasSize(1);
        assertThat(before.get("education.groups")).hasSize(1);
        assertThat(before.get("education.group_teacher")).hasSize(1);

        jdbc.sql("DELETE FROM users.teachers WHERE staff_id = ?").param(teacher).update();
        jdbc.sql("UPDATE users.students SET school_class = 'X' WHERE person_id = ?").param(student).update();
        jdbc.sql("DELETE FROM users.person_tags WHERE tag = ?").param(tag).update();
        jdbc.sql("DELETE FROM education.group_teacher WHERE group_id = ?").param(kept).update();

        assertThat(api.post("/api/admin/projections/users/rebuild", admin, null).status()).isEqualTo(202);
        awaitRebuilt("users");
        assertThat(api.post("/api/admin/projections/education/rebuild", admin, null).status()).isEqualTo(202);
        awaitRebuilt("education");

        Map<String, List<Map<String, Object>>> after = snapshot.get();
        before.forEach((table, rows) -> assertThat(after.get(table)).as(table).isEqualTo(rows));
        assertTheShadowIsGone("users");
        assertTheShadowIsGone("education");
    }

    /**
     * Teachers keep reading while the projection is rebuilt with events arriving: every answer has all rooms, also
     * while the swap holds the tables; afterwards every room has the name its last event gave it.
     */
    @Test
    void whileARebuildRunsWithEventsArrivingTheRoomListAlwaysHasEveryRoom() throws Exception {
        String marker = "Serving-" + UUID.randomUUID().toString().substring(0, 8);
        int roomCount = 20;
        Map<UUID, String> names = new ConcurrentHashMap<>();
        Map<UUID, Long> sequences = new HashMap<>();
        List<UUID> rooms = new ArrayList<>();
        List<EventMessage<?>> registrations = new ArrayList<>();
        for (int i = 0; i < roomCount; i++) {
            UUID room = UUID.randomUUID();
            rooms.add(room);
            names.put(room, marker + " " + i);
            registrations.add(event("Room", room, 0, new RoomRegistered(room, details(names.get(room)))));
            sequences.put(room, 0L);
        }
        eventStore.publish(registrations);
        // history for the shadow to replay: a few thousand renames
        for (int batch = 0; batch < 6; batch++) {
            List<EventMessage<?>> renames = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                UUID room = rooms.get(i % roomCount);
                long sequence = sequences.merge(room, 1L, Long::sum);
                names.put(room, marker + " " + i % roomCount + " v" + batch + "." + i);
                renames.add(event("Room", room, sequence, new RoomDetailsChanged(room, details(names.get(room)))));
            }
            eventStore.publish(renames);
        }
        long settled = jdbc.sql("SELECT max(global_index) FROM eventstore.domain_event_entry").query(Long.class).single();
        awaitProjected(settled);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean locked = new AtomicBoolean();
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger pollsWhileLocked = new AtomicInteger();
        List<String> wrong = new CopyOnWriteArrayList<>();
        List<JsonNode> progress = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                JsonNode page = api.get("/api/rooms?size=200&name=" + marker, staff).body();
                int items = page.path("items").size();
                if (items != roomCount || page.path("totalItems").asInt() != roomCount) {
                    wrong.add(items + " rooms of " + page.path("totalItems").asInt());
                }
                polls.incrementAndGet();
                if (locked.get()) {
                    pollsWhileLocked.incrementAndGet();
                }
            }
        });
        AtomicLong lastPosition = new AtomicLong(settled);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            int n = 0;
            while (!stop.get()) {
                UUID room = rooms.get(ThreadLocalRandom.current().nextInt(roomCount));
                String name = marker + " live " + n++ + " " + room;
                synchronized (names) {
                    lastPosition.set(append("Room", room, new RoomDetailsChanged(room, details(name))));
                    names.put(room, name);
                }
                pause(10);
            }
        });
        rebuilds.whileLocked = name -> {
            locked.set(true);
            pause(500); // readers go on meanwhile
            locked.set(false);
        };

        assertThat(api.post("/api/admin/projections/facilities/rebuild", admin, null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonNode rebuild = projection("facilities").path("rebuild");
            progress.add(rebuild);
            return !rebuild.path("phase").asText().equals("CATCHING_UP")
                    && !rebuild.path("phase").asText().equals("SWAPPING");
        });
        stop.set(true);
        writer.get(10, TimeUnit.SECONDS);
        reader.get(10, TimeUnit.SECONDS);

        assertThat(progress.get(progress.size() - 1).path("phase").asText()).isEqualTo("DONE");
        assertThat(wrong).as("answers without all rooms").isEmpty();
        assertThat(polls.get()).isGreaterThan(20);
        assertThat(pollsWhileLocked.get()).as("reads while the swap held the tables").isPositive();
        // progress: within 0..100, never backwards, 100 when done
        List<Double> percents = progress.stream().map(rebuild -> rebuild.path("percent").asDouble()).toList();
        assertThat(percents).allSatisfy(percent -> assertThat(percent).isBetween(0.0, 100.0));
        assertThat(percents).isSorted();
        assertThat(percents.get(percents.size() - 1)).isEqualTo(100.0);
        assertThat(progress).as("seen catching up, with an estimate")
                .anyMatch(rebuild -> rebuild.path("phase").asText().equals("CATCHING_UP")
                        && rebuild.path("percent").asDouble() < 100 && rebuild.path("etaSeconds").isNumber());

        awaitProjected(lastPosition.get());
        for (UUID room : rooms) {
            assertThat(api.get("/api/rooms/" + room, staff).body().path("name").asText()).isEqualTo(names.get(room));
        }
        assertTheShadowIsGone("facilities");
    }

    /**
     * An event the shadow never sees (appended after it stopped) is written by the live processor once the swap has
     * committed: its write waited for the lock, and it applies the event to the rebuilt rows.
     */
    @Test
    void anEventArrivingWhileTheSwapHoldsTheTablesIsAppliedToTheRebuiltRows() {
        UUID room = room("Converge ");
        AtomicLong lockedPosition = new AtomicLong();
        AtomicBoolean liveWriterWaited = new AtomicBoolean();
        rebuilds.whileLocked = name -> {
            // from another thread: this one is inside the swap's transaction
            lockedPosition.set(CompletableFuture.supplyAsync(() -> append("Room", room,
                    new RoomDetailsChanged(room, details("Converge after the lock " + room)))).join());
            liveWriterWaited.set(waitUntilAWriterWaitsFor("facilities.rooms"));
        };

        assertThat(api.post("/api/admin/projections/facilities/rebuild", admin, null).status()).isEqualTo(202);
        awaitRebuilt("facilities");

        assertThat(liveWriterWaited).as("the live processor's write waited for the swap").isTrue();
        Api.Answer answer = getAfter(lockedPosition.get(), "/api/rooms/" + room, staff);
        assertThat(answer.body().path("name").asText()).isEqualTo("Converge after the lock " + room);
    }

    @Test
    void aSecondRebuildOfTheSameProjectionWhileOneRunsIs409() throws Exception {
        CountDownLatch swapping = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        rebuilds.whileLocked = name -> {
            swapping.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        assertThat(api.post("/api/admin/projections/iot/rebuild", admin, null).status()).isEqualTo(202);
        try {
            assertThat(swapping.await(30, TimeUnit.SECONDS)).isTrue();
            Api.Answer second = api.post("/api/admin/projections/iot/rebuild", admin, null);
            JsonNode listed = projection("iot");

            assertThat(second.status()).isEqualTo(409);
            assertThat(second.code()).isEqualTo("REBUILD_RUNNING");
            assertThat(listed.path("state").asText()).isEqualTo("rebuilding");
            assertThat(listed.path("rebuild").path("phase").asText()).isEqualTo("SWAPPING");
            assertThat(listed.path("rebuild").path("percent").asDouble()).isEqualTo(100.0);
        } finally {
            release.countDown();
        }
        awaitRebuilt("iot");
        assertThat(projection("iot").path("state").asText()).isEqualTo("running");
    }

    @Test
    void aRebuildRunningOnAnotherNodeIs409UntilThatNodesClaimGoesStale() {
        jdbc.sql("INSERT INTO rebuild.running (projection, node, started_at, alive_at) "
                + "VALUES ('schedule', 'other-node', now(), now())").update();
        try {
            Api.Answer refused = api.post("/api/admin/projections/schedule/rebuild", admin, null);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("REBUILD_RUNNING");
            assertThat(projection("schedule").path("state").asText()).isEqualTo("rebuilding");

            // that node died: its claim is no longer refreshed
            jdbc.sql("UPDATE rebuild.running SET alive_at = now() - interval '1 minute' WHERE projection = 'schedule'")
                    .update();
            assertThat(api.post("/api/admin/projections/schedule/rebuild", admin, null).status()).isEqualTo(202);
            awaitRebuilt("schedule");
        } finally {
            jdbc.sql("DELETE FROM rebuild.running WHERE node = 'other-node'").update();
        }
        assertTheShadowIsGone("schedule");
    }

    /** An event the projector cannot handle: live it is dead-lettered; a rebuild cannot get past it. */
    @Test
    void aRebuildWhoseShadowKeepsFailingGivesUpAndLeavesTheLiveRowsAsTheyWere() {
        UUID broken = UUID.randomUUID();
        long position = append("Activity", broken, new ActivityRegistered(broken, null));
        awaitProjected(position);
        List<Map<String, Object>> before = rows("activities.groups");
        try {
            assertThat(api.post("/api/admin/projections/activities/rebuild", admin, null).status()).isEqualTo(202);

            JsonNode rebuild = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> projection("activities").path("rebuild"),
                            status -> Set.of("DONE", "FAILED").contains(status.path("phase").asText()));
            assertThat(rebuild.path("phase").asText()).isEqualTo("FAILED");
            assertThat(rebuild.path("failure").asText()).contains("given up").contains("NullPointerException");
            assertThat(rows("activities.groups")).isEqualTo(before);
            assertTheShadowIsGone("activities");
        } finally {
            // the store is append-only for the app; this test's database may forget the broken event
            jdbc.sql("DELETE FROM eventstore.dead_letter_entry WHERE aggregate_identifier = ?").param(broken.toString())
                    .update();
            jdbc.sql("DELETE FROM eventstore.domain_event_entry WHERE aggregate_identifier = ?")
                    .param(broken.toString()).update();
        }
    }

    @Test
    void theAuditLogIsNeverRebuilt() {
        Api.Answer answer = api.post("/api/admin/projections/audit/rebuild", admin, null);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.code()).isEqualTo("PROJECTION_NOT_REBUILDABLE");
        assertThat(projection("audit").path("rebuildable").asBoolean()).isFalse();
        assertThat(projection("audit").path("rebuild").isNull()).isTrue();
    }

    @Test
    void anUnknownProjectionIs404() {
        Api.Answer answer = api.post("/api/admin/projections/nope/rebuild", admin, null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("PROJECTION_NOT_FOUND");
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void everyProjectionIsListedWithItsPositionLagAndState() {
        long position = append("Room", UUID.randomUUID(), new RoomRegistered(UUID.randomUUID(), details("Listed")));
        getAfter(position, "/api/rooms?size=1", staff);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode list = api.get("/api/admin/projections", admin).body();
            assertThat(StreamSupport.stream(list.spliterator(), false).map(p -> p.path("name").asText()))
                    .containsExactly("active", "activities", "audit", "education", "facilities", "iot", "schedule",
                            "users");
            for (JsonNode projection : list) {
                assertThat(projection.path("state").asText()).as(projection.toString()).isEqualTo("running");
                assertThat(projection.path("head").asLong()).isGreaterThanOrEqualTo(position);
                assertThat(projection.path("position").asLong()).isEqualTo(projection.path("head").asLong());
                assertThat(projection.path("lagEvents").asLong()).isZero();
                assertThat(projection.path("lagSeconds").asDouble()).isZero();
                assertThat(projection.path("rebuildable").asBoolean())
                        .isEqualTo(!projection.path("name").asText().equals("audit"));
            }
        });
    }

    @Test
    void staffMayNotSeeOrRebuildProjections() {
        assertThat(api.get("/api/admin/projections", staff).status()).isEqualTo(403);
        Api.Answer rebuild = api.post("/api/admin/projections/facilities/rebuild", staff, null);
        assertThat(rebuild.status()).isEqualTo(403);
        assertThat(rebuild.code()).isEqualTo("FORBIDDEN");
        assertThat(rebuilds.rebuilding("facilities")).isFalse();
    }

    private UUID room(String prefix) {
        UUID room = UUID.randomUUID();
        long position = append("Room", room, new RoomRegistered(room, details(prefix + room)));
        getAfter(position, "/api/rooms/" + room, staff);
        return room;
    }

    private static RoomDetails details(String name) {
        return new RoomDetails(name, "Haus 1", 0, 20, "Lernen");
    }

    private static EventMessage<?> event(String type, UUID aggregate, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(type, aggregate.toString(), sequence, payload,
                MetaData.with("actorType", "SYSTEM"));
    }

    private JsonNode projection(String name) {
        JsonNode list = api.get("/api/admin/projections", admin).body();
        return StreamSupport.stream(list.spliterator(), false)
                .filter(projection -> projection.path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("No projection " + name + " in " + list));
    }

    private void awaitProjected(long position) {
        await().atMost(Duration.ofSeconds(60)).until(() -> positions.reached(positions.all(), position));
    }

    private void awaitRebuilt(String name) {
        JsonNode rebuild = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> projection(name).path("rebuild"),
                        status -> Set.of("DONE", "FAILED").contains(status.path("phase").asText()));
        assertThat(rebuild.path("phase").asText()).as(rebuild.toString()).isEqualTo("DONE");
        assertThat(rebuild.path("percent").asDouble()).isEqualTo(100.0);
    }

    private void assertTheShadowIsGone(String name) {
        assertThat(jdbc.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'rebuild' AND tablename <> 'running'")
                .query(Long.class).single()).as("shadow tables").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM rebuild.running").query(Long.class).single()).as("claims").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM eventstore.token_entry WHERE processor_name = ?")
                .param(name + "-rebuild").query(Long.class).single()).isZero();
        assertThat(rebuilds.rebuilding(name)).isFalse();
    }

    private List<Map<String, Object>> rows(String table) {
        return jdbc.sql("SELECT * FROM " + table + " t ORDER BY CAST(t AS text)").query().listOfRows();
    }

    /** The rows of this test's ids only: other tests write rows with no event behind them (a rebuild drops those). */
    private List<Map<String, Object>> rows(String table, String column, List<UUID> ids) {
        return jdbc.sql("SELECT * FROM " + table + " t WHERE " + column + " = ANY (?) ORDER BY CAST(t AS text)")
                .param(ids.toArray(UUID[]::new)).query().listOfRows();
    }

    private boolean waitUntilAWriterWaitsFor(String table) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            long waiting = jdbc.sql("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = CAST(? AS regclass)")
                    .param(table).query(Long.class).single();
            if (waiting > 0) {
                return true;
            }
            pause(10);
        }
        return false;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
