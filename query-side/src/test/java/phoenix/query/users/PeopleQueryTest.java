package phoenix.query.users;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import phoenix.api.people.PersonKind;
import phoenix.api.people.StaffDetailsChanged;
import phoenix.api.people.StaffRegistered;
import phoenix.api.people.StudentDetailsChanged;
import phoenix.api.people.StudentMarkedSick;
import phoenix.api.people.StudentMarkedWell;
import phoenix.api.people.StudentRegistered;
import phoenix.api.tags.TagAssigned;
import phoenix.api.tags.TagRemoved;
import phoenix.platform.testing.Api;
import phoenix.query.QuerySideTest;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PeopleQueryTest extends QuerySideTest {

    @Autowired
    private UsersProjector projector;

    private static String marker() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void adminsSeeAStudentsBirthdayAndTagOtherStaffDoNot() {
        UUID student = UUID.randomUUID();
        append("Student", student, new StudentRegistered(student, "Leon", "Maier", "2a", LocalDate.of(2018, 3, 14)));
        long position = append("Student", student, new TagAssigned(student, PersonKind.STUDENT, "04A1B2C3" + marker().toUpperCase().replaceAll("[^0-9A-F]", "0"), null));

        Api.Answer asAdmin = getAfter(position, "/api/students/" + student, admin);
        Api.Answer asStaff = api.get("/api/students/" + student, staff);

        assertThat(asAdmin.body().path("firstName").asText()).isEqualTo("Leon");
        assertThat(asAdmin.body().path("birthday").asText()).isEqualTo("2018-03-14");
        assertThat(asAdmin.body().path("tag").asText()).startsWith("04A1B2C3");
        assertThat(asStaff.body().path("lastName").asText()).isEqualTo("Maier");
        assertThat(asStaff.body().path("schoolClass").asText()).isEqualTo("2a");
        assertThat(asStaff.body().has("birthday")).isFalse();
        assertThat(asStaff.body().has("tag")).isFalse();
    }

    @Test
    void changedDetailsAndSicknessAreShown() {
        UUID student = UUID.randomUUID();
        append("Student", student, new StudentRegistered(student, "Emma", "Schulz", "3c", null));
        append("Student", student, new StudentDetailsChanged(student, "Emma", "Schulz-Berg", "4a", null));
        long sick = append("Student", student, new StudentMarkedSick(student));

        Api.Answer whileSick = getAfter(sick, "/api/students/" + student, admin);
        long well = append("Student", student, new StudentMarkedWell(student));
        Api.Answer afterwards = getAfter(well, "/api/students/" + student, admin);

        assertThat(whileSick.body().path("lastName").asText()).isEqualTo("Schulz-Berg");
        assertThat(whileSick.body().path("schoolClass").asText()).isEqualTo("4a");
        assertThat(whileSick.body().path("sick").asBoolean()).isTrue();
        assertThat(afterwards.body().path("sick").asBoolean()).isFalse();
    }

    @Test
    void studentsAreListedByNameAndFilteredByClass() {
        String marker = marker();
        long position = 0;
        for (String[] child : new String[][]{{"Zoe", "Adler", "1a"}, {"Max", "Zander", "1b"}, {"Ada", "Adler", "1a"}}) {
            UUID id = UUID.randomUUID();
            position = append("Student", id, new StudentRegistered(id, child[0], child[1] + marker, child[2], null));
        }

        Api.Answer all = getAfter(position, "/api/students?name=" + marker, staff);
        Api.Answer classA = api.get("/api/students?name=" + marker + "&schoolClass=1a", staff);

        assertThat(all.body().path("items")).extracting(item -> item.path("firstName").asText())
                .containsExactly("Ada", "Zoe", "Max");
        assertThat(classA.body().path("totalItems").asInt()).isEqualTo(2);
    }

    @Test
    void staffAreListedWithTheirTeacherFlag() {
        String marker = marker();
        UUID teacher = UUID.randomUUID();
        UUID educator = UUID.randomUUID();
        append("Staff", teacher, new StaffRegistered(teacher, "Anna", "Becker" + marker, null, "Lehrerin", false));
        append("Staff", educator, new StaffRegistered(educator, "Olaf", "Kern" + marker, "o@schule.example", "Erzieher", false));
        long position = append("Staff", teacher, new StaffDetailsChanged(teacher, "Anna", "Becker" + marker, null, "Lehrerin", true));

        Api.Answer teachers = getAfter(position, "/api/staff?teacher=true&name=" + marker, staff);
        Api.Answer everyone = api.get("/api/staff?name=" + marker, staff);

        assertThat(teachers.body().path("items")).extracting(item -> item.path("id").asText())
                .containsExactly(teacher.toString());
        assertThat(everyone.body().path("totalItems").asInt()).isEqualTo(2);
        assertThat(api.get("/api/staff/" + educator, staff).body().path("email").asText()).isEqualTo("o@schule.example");
    }

    @Test
    void aMovedTagShowsWithItsNewHolderOnly() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String tag = "A1B2C3D4" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        append("Student", first, new StudentRegistered(first, "Lea", "Roth", null, null));
        append("Staff", second, new StaffRegistered(second, "Petra", "Roth", null, null, false));
        append("Student", first, new TagAssigned(first, PersonKind.STUDENT, tag, null));
        append("Student", first, new TagRemoved(first, PersonKind.STUDENT, tag, TagRemoved.Reason.MOVED_TO_OTHER_PERSON));
        long position = append("Staff", second, new TagAssigned(second, PersonKind.STAFF, tag, first));

        assertThat(getAfter(position, "/api/staff/" + second, admin).body().path("tag").asText()).isEqualTo(tag);
        assertThat(api.get("/api/students/" + first, admin).body().has("tag")).isFalse();
    }

    @Test
    void tagEventsProjectedInEitherOrderLeaveTheNewerHolder() {
        String tag = "FEEDBEEF" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        // segments may project the new holder's assignment (position 12) before the old holder's removal (11)
        projector.on(new TagAssigned(first, PersonKind.STUDENT, tag, null), new GlobalSequenceTrackingToken(10));
        projector.on(new TagAssigned(second, PersonKind.STUDENT, tag, first), new GlobalSequenceTrackingToken(12));
        projector.on(new TagRemoved(first, PersonKind.STUDENT, tag, TagRemoved.Reason.MOVED_TO_OTHER_PERSON),
                new GlobalSequenceTrackingToken(11));
        // and a replay delivers an old event again
        projector.on(new TagAssigned(first, PersonKind.STUDENT, tag, null), new GlobalSequenceTrackingToken(10));

        assertThat(jdbc.sql("SELECT person_id FROM users.person_tags WHERE tag = ?").param(tag)
                .query(UUID.class).single()).isEqualTo(second);
    }

    @Test
    void unknownPeopleAre404() {
        assertThat(api.get("/api/students/" + UUID.randomUUID(), staff).code()).isEqualTo("STUDENT_NOT_FOUND");
        assertThat(api.get("/api/staff/" + UUID.randomUUID(), staff).code()).isEqualTo("STAFF_NOT_FOUND");
    }
}
