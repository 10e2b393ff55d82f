package phoenix.command.groups;

import org.junit.jupiter.api.Test;
import phoenix.command.CommandSideTest;
import phoenix.platform.testing.Api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class GroupApiTest extends CommandSideTest {

    private UUID members(UUID student) {
        return jdbc.sql("SELECT group_id FROM education.group_members WHERE student_id = ?").param(student)
                .query(UUID.class).optional().orElse(null);
    }

    @Test
    void aGroupIsCreatedWithItsHomeRoomAndLeaders() {
        UUID room = registerRoom(unique("Sternenzimmer"), 20);
        UUID teacher = registerStaff("Anna", "Becker", true);

        Api.Answer answer = api.post("/api/groups", admin, Map.of("name", " Sternengruppe " + room + " ",
                "homeRoomId", room, "teacherIds", List.of(teacher)));

        assertThat(answer.status()).isEqualTo(201);
        StoredEvent created = events(answer.body().path("id").asText()).get(0);
        assertThat(created.type()).isEqualTo("GroupCreated");
        assertThat(created.payload().path("name").asText()).isEqualTo("Sternengruppe " + room);
        assertThat(created.payload().path("teacherIds").get(0).asText()).isEqualTo(teacher.toString());
        assertThat(answer.position()).isEqualTo(created.position());
    }

    @Test
    void groupNamesAreUniqueAlsoWhenRequestsRace() throws Exception {
        UUID room = registerRoom(unique("Raum"), 20);
        String name = unique("Mondgruppe");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Api.Answer>> racers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                racers.add(() -> api.post("/api/groups", admin,
                        Map.of("name", name, "homeRoomId", room, "teacherIds", List.of())));
            }
            List<Api.Answer> answers = new ArrayList<>();
            for (Future<Api.Answer> answer : pool.invokeAll(racers)) {
                answers.add(answer.get());
            }

            assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
            assertThat(answers).filteredOn(a -> a.status() != 201)
                    .allSatisfy(a -> assertThat(a.code()).isEqualTo("GROUP_NAME_TAKEN"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theHomeRoomMustExistAndLeadersMustBeTeachers() {
        UUID room = registerRoom(unique("Raum"), 5);
        UUID educator = registerStaff("Olaf", "Kern", false);

        Api.Answer noRoom = api.post("/api/groups", admin, Map.of("name", unique("G"), "homeRoomId", UUID.randomUUID(),
                "teacherIds", List.of()));
        Api.Answer unknownTeacher = api.post("/api/groups", admin, Map.of("name", unique("G"), "homeRoomId", room,
                "teacherIds", List.of(UUID.randomUUID())));
        Api.Answer notATeacher = api.post("/api/groups", admin, Map.of("name", unique("G"), "homeRoomId", room,
                "teacherIds", List.of(educator)));

        assertThat(noRoom.status()).isEqualTo(404);
        assertThat(noRoom.code()).isEqualTo("ROOM_NOT_FOUND");
        assertThat(unknownTeacher.status()).isEqualTo(404);
        assertThat(unknownTeacher.code()).isEqualTo("STAFF_NOT_FOUND");
        assertThat(notATeacher.status()).isEqualTo(409);
        assertThat(notATeacher.code()).isEqualTo("NOT_A_TEACHER");
    }

    @Test
    void changingAGroupRecordsEachChangeByItself() {
        UUID room = registerRoom(unique("Raum"), 5);
        UUID otherRoom = registerRoom(unique("Raum"), 5);
        UUID teacher = registerStaff("Jana", "Licht", true);
        UUID group = createGroup(unique("Sonnengruppe"), room);

        Api.Answer answer = api.put("/api/groups/" + group, admin, Map.of("name", unique("Sonnenkinder"),
                "homeRoomId", otherRoom, "teacherIds", List.of(teacher)));

        assertThat(answer.status()).isEqualTo(204);
        assertThat(events(group)).extracting(StoredEvent::type).containsExactly("GroupCreated", "GroupRenamed",
                "GroupHomeRoomChanged", "GroupTeachersChanged");
        assertThat(api.put("/api/groups/" + UUID.randomUUID(), admin, Map.of("name", "X", "homeRoomId", room,
                "teacherIds", List.of())).code()).isEqualTo("GROUP_NOT_FOUND");
    }

    @Test
    void aStudentIsInOneGroupAndAMoveNamesThePreviousGroup() {
        UUID room = registerRoom(unique("Raum"), 5);
        UUID first = createGroup(unique("Erste"), room);
        UUID second = createGroup(unique("Zweite"), room);
        UUID student = registerStudent("Ida", "Klein");

        assertThat(api.put("/api/students/" + student + "/group", admin, Map.of("groupId", first)).status()).isEqualTo(204);
        Api.Answer moved = api.put("/api/students/" + student + "/group", token(phoenix.api.Role.STAFF),
                Map.of("groupId", second));

        assertThat(moved.status()).isEqualTo(204);
        StoredEvent move = events(student).get(2);
        assertThat(move.type()).isEqualTo("StudentAssignedToGroup");
        assertThat(move.payload().path("previousGroupId").asText()).isEqualTo(first.toString());
        assertThat(members(student)).isEqualTo(second);

        assertThat(api.delete("/api/students/" + student + "/group", admin).status()).isEqualTo(204);
        assertThat(members(student)).isNull();
        assertThat(events(student).get(3).type()).isEqualTo("StudentRemovedFromGroup");
    }

    @Test
    void aStudentCannotJoinAnUnknownGroup() {
        UUID student = registerStudent("Tom", "Eck");

        Api.Answer answer = api.put("/api/students/" + student + "/group", admin, Map.of("groupId", UUID.randomUUID()));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("GROUP_NOT_FOUND");
        assertThat(api.put("/api/students/" + UUID.randomUUID() + "/group", admin,
                Map.of("groupId", UUID.randomUUID())).code()).isEqualTo("STUDENT_NOT_FOUND");
    }

    @Test
    void deletingAGroupLeavesItsChildrenGroupLessAndEndsItsSubstitutions() {
        UUID room = registerRoom(unique("Raum"), 5);
        String name = unique("Wolkengruppe");
        UUID group = createGroup(name, room);
        UUID first = registerStudent("Ben", "Alt");
        UUID second = registerStudent("Eva", "Alt");
        api.put("/api/students/" + first + "/group", admin, Map.of("groupId", group));
        api.put("/api/students/" + second + "/group", admin, Map.of("groupId", group));
        UUID substitute = registerStaff("Rita", "Vertretung", false);
        LocalDate today = LocalDate.now(phoenix.api.time.SchoolCalendar.ZONE);
        api.post("/api/substitutions", admin, Map.of("groupId", group, "substituteStaffId", substitute,
                "startDate", today.toString(), "endDate", today.plusDays(3).toString()));
        api.post("/api/substitutions", admin, Map.of("groupId", group, "substituteStaffId", substitute,
                "startDate", today.plusDays(10).toString(), "endDate", today.plusDays(12).toString()));

        Api.Answer deleted = api.delete("/api/groups/" + group, admin);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(events(group)).extracting(StoredEvent::type).endsWith("SubstitutionEnded", "SubstitutionCancelled",
                "GroupDeleted");
        for (UUID child : List.of(first, second)) {
            List<StoredEvent> events = events(child);
            assertThat(events.get(events.size() - 1).type()).isEqualTo("StudentRemovedFromGroup");
            assertThat(events.get(events.size() - 1).payload().path("reason").asText()).isEqualTo("GROUP_DELETED");
            assertThat(members(child)).isNull();
        }
        assertThat(deleted.position()).isEqualTo(eventsPositionMax(group, first, second));
        assertThat(api.put("/api/students/" + first + "/group", admin, Map.of("groupId", group)).code())
                .isEqualTo("GROUP_NOT_FOUND");
        assertThat(api.delete("/api/groups/" + group, admin).code()).isEqualTo("GROUP_NOT_FOUND");
        // the name is free again
        assertThat(api.post("/api/groups", admin, Map.of("name", name, "homeRoomId", room, "teacherIds", List.of()))
                .status()).isEqualTo(201);
    }

    @Test
    void aChildIsNeverLeftInAGroupThatIsBeingDeleted() throws Exception {
        UUID room = registerRoom(unique("Raum"), 5);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                UUID group = createGroup(unique("Kurzgruppe"), room);
                UUID child = registerStudent("Kim", "Nr " + round);
                Future<Api.Answer> assignment = pool.submit(() ->
                        api.put("/api/students/" + child + "/group", admin, Map.of("groupId", group)));
                Future<Api.Answer> deletion = pool.submit(() -> api.delete("/api/groups/" + group, admin));

                assertThat(deletion.get().status()).isEqualTo(204);
                assertThat(assignment.get().status()).isIn(204, 404);
                assertThat(members(child)).as("round " + round).isNull();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private long eventsPositionMax(UUID... aggregates) {
        long max = 0;
        for (UUID aggregate : aggregates) {
            for (StoredEvent event : events(aggregate)) {
                max = Math.max(max, event.position());
            }
        }
        return max;
    }
}
