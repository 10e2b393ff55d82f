package phoenix.command.people;

import org.junit.jupiter.api.Test;
import phoenix.api.Role;
import phoenix.command.CommandSideTest;
import phoenix.platform.testing.Api;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PeopleApiTest extends CommandSideTest {

    @Test
    void registeringAStudentStoresThePersonalFieldsAsGivenAndNamesTheChildAsSubject() {
        Api.Answer answer = api.post("/api/students", admin, Map.of("firstName", " Leon ", "lastName", "Maier",
                "schoolClass", "2a", "birthday", "2018-03-14"));

        assertThat(answer.status()).isEqualTo(201);
        String id = answer.body().path("id").asText();
        StoredEvent event = events(id).get(0);
        assertThat(event.type()).isEqualTo("StudentRegistered");
        assertThat(event.payload().path("studentId").asText()).isEqualTo(id);
        assertThat(event.payload().path("firstName").asText()).isEqualTo("Leon");
        assertThat(event.payload().path("birthday").asText()).isEqualTo("2018-03-14");
        assertThat(answer.position()).isEqualTo(event.position());
    }

    @Test
    void aStudentWithoutNameOrWithAFutureBirthdayIsRefused() {
        Map<String, Object> futureBirthday = Map.of("firstName", "Ida", "lastName", "Z", "birthday", "2999-01-01");
        Map<String, Object> noLastName = new HashMap<>(Map.of("firstName", "Ida"));

        assertThat(api.post("/api/students", admin, futureBirthday).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/api/students", admin, noLastName).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/api/students", admin, Map.of("firstName", " ", "lastName", "Z")).code())
                .isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aChildBornTodayByTheBerlinDateIsNotBornInTheFuture() {
        // 23:30 UTC on 1 March is 00:30 on 2 March in Berlin
        clock.set(Instant.parse("2026-03-01T23:30:00Z"));

        Api.Answer answer = api.post("/api/students", admin,
                Map.of("firstName", "Mia", "lastName", "Neu", "birthday", "2026-03-02"));
        Api.Answer tomorrow = api.post("/api/students", admin,
                Map.of("firstName", "Mia", "lastName", "Neu", "birthday", "2026-03-03"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(tomorrow.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void changingAStudentRecordsTheNewDetails() {
        UUID student = registerStudent("Emma", "Schulz");

        Api.Answer answer = api.put("/api/students/" + student, admin,
                Map.of("firstName", "Emma", "lastName", "Schulz-Berg", "schoolClass", "3c"));

        assertThat(answer.status()).isEqualTo(204);
        assertThat(events(student)).extracting(StoredEvent::type)
                .containsExactly("StudentRegistered", "StudentDetailsChanged");
        assertThat(events(student).get(1).payload().path("lastName").asText()).isEqualTo("Schulz-Berg");
    }

    @Test
    void staffMayReportAChildSickAndWellAgainOnceEach() {
        UUID student = registerStudent("Noah", "Weber");
        String staff = token(Role.STAFF);

        assertThat(api.put("/api/students/" + student + "/sickness", staff, Map.of("sick", true)).status()).isEqualTo(204);
        assertThat(api.put("/api/students/" + student + "/sickness", staff, Map.of("sick", true)).status()).isEqualTo(204);
        assertThat(api.put("/api/students/" + student + "/sickness", staff, Map.of("sick", false)).status()).isEqualTo(204);

        assertThat(events(student)).extracting(StoredEvent::type)
                .containsExactly("StudentRegistered", "StudentMarkedSick", "StudentMarkedWell");
    }

    @Test
    void unknownPeopleAre404WithTheirKind() {
        UUID nobody = UUID.randomUUID();

        assertThat(api.put("/api/students/" + nobody, admin, Map.of("firstName", "A", "lastName", "B")).code())
                .isEqualTo("STUDENT_NOT_FOUND");
        assertThat(api.put("/api/students/" + nobody + "/sickness", admin, Map.of("sick", true)).code())
                .isEqualTo("STUDENT_NOT_FOUND");
        assertThat(api.put("/api/staff/" + nobody, admin, Map.of("firstName", "A", "lastName", "B")).code())
                .isEqualTo("STAFF_NOT_FOUND");
    }

    @Test
    void aStudentsIdIsNoStaffMembersIdAndChangesNothingThere() {
        UUID student = registerStudent("Lina", "Koch");

        Api.Answer answer = api.put("/api/staff/" + student, admin, Map.of("firstName", "A", "lastName", "B"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("STAFF_NOT_FOUND");
        assertThat(events(student)).extracting(StoredEvent::type).containsExactly("StudentRegistered");
    }

    @Test
    void registeringAndChangingStaffRecordsTheTeacherFlag() {
        UUID staff = registerStaff("Anna", "Becker", false);

        Api.Answer answer = api.put("/api/staff/" + staff, admin, Map.of("firstName", "Anna", "lastName", "Becker",
                "email", "anna.becker@schule.example", "position", "Erzieherin", "teacher", true));

        assertThat(answer.status()).isEqualTo(204);
        List<StoredEvent> events = events(staff);
        assertThat(events).extracting(StoredEvent::type).containsExactly("StaffRegistered", "StaffDetailsChanged");
        assertThat(events.get(0).payload().path("teacher").asBoolean()).isFalse();
        assertThat(events.get(1).payload().path("teacher").asBoolean()).isTrue();
    }

    @Test
    void anInvalidStaffEmailIsRefused() {
        Api.Answer answer = api.post("/api/staff", admin, Map.of("firstName", "A", "lastName", "B", "email", "nope"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("VALIDATION_FAILED");
    }
}
