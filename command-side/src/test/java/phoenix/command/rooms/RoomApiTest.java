package phoenix.command.rooms;

import org.junit.jupiter.api.Test;
import phoenix.api.Role;
import phoenix.command.CommandSideTest;
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

class RoomApiTest extends CommandSideTest {

    @Test
    void registeringARoomAnswersItsIdAndThePositionOfItsEvent() {
        Api.Answer answer = api.post("/api/rooms", admin, Map.of("name", unique("Turnhalle"), "building", "A",
                "floor", 0, "capacity", 30, "category", "Sport"));

        assertThat(answer.status()).isEqualTo(201);
        String id = answer.body().path("id").asText();
        assertThat(answer.header("Location")).isEqualTo("/api/rooms/" + id);
        List<StoredEvent> events = events(id);
        assertThat(events).extracting(StoredEvent::type).containsExactly("RoomRegistered");
        assertThat(answer.position()).isEqualTo(events.get(0).position());
        assertThat(events.get(0).payload().path("details").path("capacity").asInt()).isEqualTo(30);
    }

    @Test
    void roomNamesAreUniqueIgnoringCaseAndSpaces() {
        String name = unique("Bibliothek");
        registerRoom(name, 10);
        long before = eventCount();

        Api.Answer answer = api.post("/api/rooms", admin, Map.of("name", "  " + name.toUpperCase() + " ", "capacity", 5));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo("ROOM_NAME_TAKEN");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void racingRegistrationsOfOneNameLeaveExactlyOneRoom() throws Exception {
        String name = unique("Mensa");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Api.Answer>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racers.add(() -> api.post("/api/rooms", admin, Map.of("name", name, "capacity", 40)));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            for (Future<Api.Answer> answer : pool.invokeAll(racers)) {
                statuses.add(answer.get().status());
                if (answer.get().status() != 201) {
                    codes.add(answer.get().code());
                }
            }

            assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
            assertThat(codes).containsOnly("ROOM_NAME_TAKEN");
            assertThat(jdbc.sql("SELECT count(*) FROM facilities.room_names WHERE name_key = lower(?)")
                    .param(name).query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM eventstore.domain_event_entry
                            WHERE payload_type LIKE '%RoomRegistered' AND convert_from(payload, 'UTF8') LIKE ?
                            """)
                    .param("%" + name + "%").query(Long.class).single()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void changingARoomRecordsTheNewDetails() {
        UUID room = registerRoom(unique("Werkraum"), 12);

        Api.Answer answer = api.put("/api/rooms/" + room, admin, Map.of("name", unique("Kreativraum"), "capacity", 14));

        assertThat(answer.status()).isEqualTo(204);
        List<StoredEvent> events = events(room);
        assertThat(events).extracting(StoredEvent::type).containsExactly("RoomRegistered", "RoomDetailsChanged");
        assertThat(answer.position()).isEqualTo(events.get(1).position());
    }

    @Test
    void changingNothingAddsNoEventAndStillAnswersAPosition() {
        String name = unique("Ruheraum");
        UUID room = registerRoom(name, 8);

        Api.Answer answer = api.put("/api/rooms/" + room, admin, Map.of("name", name, "capacity", 8));

        assertThat(answer.status()).isEqualTo(204);
        assertThat(events(room)).hasSize(1);
        assertThat(answer.position()).isGreaterThanOrEqualTo(events(room).get(0).position());
    }

    @Test
    void aRoomCannotTakeTheNameOfAnother() {
        String taken = unique("Musikraum");
        registerRoom(taken, 20);
        UUID other = registerRoom(unique("Lager"), 2);

        Api.Answer answer = api.put("/api/rooms/" + other, admin, Map.of("name", taken, "capacity", 2));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.code()).isEqualTo("ROOM_NAME_TAKEN");
    }

    @Test
    void changingAnUnknownRoomIs404() {
        Api.Answer answer = api.put("/api/rooms/" + UUID.randomUUID(), admin, Map.of("name", "X", "capacity", 1));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("ROOM_NOT_FOUND");
    }

    @Test
    void theIdOfAnotherKindOfThingIsNotARoom() {
        UUID student = registerStudent("Mia", "Sommer");
        long before = eventCount();

        Api.Answer answer = api.put("/api/rooms/" + student, admin, Map.of("name", unique("Raum"), "capacity", 1));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("ROOM_NOT_FOUND");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aNegativeCapacityIsRefusedAs400() {
        Api.Answer answer = api.post("/api/rooms", admin, Map.of("name", unique("Keller"), "capacity", -1));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aMissingFieldIsNamedInTheAnswer() {
        Api.Answer answer = api.post("/api/rooms", admin, Map.of("name", unique("Flur")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.body().path("errors").get(0).path("field").asText()).isEqualTo("capacity");
    }

    @Test
    void malformedJsonAndWrongTypesAre400() {
        Api.Answer notJson = api.post("/api/rooms", admin, "{\"name\": ");
        Api.Answer wrongType = api.post("/api/rooms", admin, "{\"name\": \"Aula\", \"capacity\": \"viele\"}");
        Api.Answer badId = api.put("/api/rooms/not-a-uuid", admin, Map.of("name", "Aula", "capacity", 1));

        assertThat(List.of(notJson, wrongType, badId)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("MALFORMED_REQUEST");
            assertThat(answer.contentType()).startsWith("application/problem+json");
        });
        assertThat(wrongType.body().path("detail").asText()).contains("capacity").doesNotContain("viele");
    }

    @Test
    void unknownPathsAndMethodsAnswerProblems() {
        assertThat(api.get("/api/nothing-here", admin).code()).isEqualTo("NOT_FOUND");
        assertThat(api.delete("/api/rooms/" + UUID.randomUUID(), admin).code()).isEqualTo("METHOD_NOT_ALLOWED");
        Api.Answer xml = api.send("POST", "/api/rooms", admin, null, Map.of("Content-Type", "application/xml"));
        assertThat(xml.status()).isEqualTo(415);
        assertThat(xml.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void everyEventNamesWhoCausedItAndTheRequestsCorrelationId() {
        String staffToken = token(Role.ADMIN, Role.STAFF);
        Api.Answer answer = api.send("POST", "/api/rooms", staffToken, Map.of("name", unique("Atelier"), "capacity", 9),
                Map.of("X-Correlation-Id", "fire-drill-42"));

        assertThat(answer.header("X-Correlation-Id")).isEqualTo("fire-drill-42");
        StoredEvent event = events(answer.body().path("id").asText()).get(0);
        assertThat(event.metaData().path("actorType").asText()).isEqualTo("USER");
        assertThat(event.metaData().path("actorId").asText()).matches("[0-9a-f-]{36}");
        assertThat(event.metaData().path("actorRole").asText()).isEqualTo("ADMIN,STAFF");
        assertThat(event.metaData().path("correlationId").asText()).isEqualTo("fire-drill-42");
    }

    @Test
    void aRequestWithoutCorrelationIdGetsOne() {
        Api.Answer answer = api.post("/api/rooms", admin, Map.of("name", unique("Aula"), "capacity", 99));

        String correlation = answer.header("X-Correlation-Id");
        assertThat(correlation).isNotBlank();
        assertThat(events(answer.body().path("id").asText()).get(0).metaData().path("correlationId").asText())
                .isEqualTo(correlation);
    }

    @Test
    void concurrentChangesOfOneRoomAreRetriedUntilEachIsApplied() throws Exception {
        UUID room = registerRoom(unique("Spielzimmer"), 1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Api.Answer>> changes = new ArrayList<>();
            for (int capacity = 2; capacity < 14; capacity++) {
                int value = capacity;
                changes.add(() -> api.put("/api/rooms/" + room, admin,
                        Map.of("name", "Spielzimmer " + room, "capacity", value)));
            }
            for (Future<Api.Answer> answer : pool.invokeAll(changes)) {
                assertThat(answer.get().status()).as(answer.get().toString()).isEqualTo(204);
            }
        } finally {
            pool.shutdownNow();
        }
        // one registration and twelve changes, with gap-less sequence numbers: no change was lost
        assertThat(jdbc.sql("SELECT array_agg(sequence_number ORDER BY sequence_number) = "
                        + "ARRAY(SELECT generate_series(0, 12)::bigint) FROM eventstore.domain_event_entry "
                        + "WHERE aggregate_identifier = ?")
                .param(room.toString()).query(Boolean.class).single()).isTrue();
    }
}
