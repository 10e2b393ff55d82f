package phoenix.command.tags;

import org.junit.jupiter.api.Test;
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
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TagApiTest extends CommandSideTest {

    private static String randomTag() {
        return String.format("%016X", ThreadLocalRandom.current().nextLong());
    }

    private UUID holderOf(String tag) {
        return jdbc.sql("SELECT person_id FROM users.tag_holders WHERE tag = ?").param(tag)
                .query(UUID.class).optional().orElse(null);
    }

    @Test
    void aTagIsNormalisedBeforeItIsStored() {
        UUID student = registerStudent("Ben", "Wolf");
        String tag = randomTag();
        String written = " " + tag.substring(0, 2).toLowerCase() + ":" + tag.substring(2, 8) + "-" + tag.substring(8) + " ";

        Api.Answer answer = api.put("/api/students/" + student + "/tag", admin, Map.of("tag", written));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("tag").asText()).isEqualTo(tag);
        assertThat(answer.body().path("previousHolderId").isNull()).isTrue();
        assertThat(holderOf(tag)).isEqualTo(student);
        assertThat(answer.position()).isEqualTo(events(student).get(1).position());
    }

    @Test
    void anInvalidTagIsRefusedWithoutEchoingIt() {
        UUID student = registerStudent("Jonas", "Fuchs");

        Api.Answer answer = api.put("/api/students/" + student + "/tag", admin, Map.of("tag", "XYZ-12"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_TAG");
        assertThat(answer.text()).doesNotContain("XYZ");
        assertThat(events(student)).hasSize(1);
    }

    @Test
    void aTagHeldByAnotherChildMovesAndTheAnswerSaysFromWhom() {
        UUID first = registerStudent("Lea", "Roth");
        UUID second = registerStudent("Paul", "Roth");
        String tag = randomTag();
        api.put("/api/students/" + first + "/tag", admin, Map.of("tag", tag));

        Api.Answer answer = api.put("/api/students/" + second + "/tag", admin, Map.of("tag", tag));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("previousHolderId").asText()).isEqualTo(first.toString());
        assertThat(holderOf(tag)).isEqualTo(second);
        StoredEvent removed = events(first).get(2);
        assertThat(removed.type()).isEqualTo("TagRemoved");
        assertThat(removed.payload().path("reason").asText()).isEqualTo("MOVED_TO_OTHER_PERSON");
        // both people's events committed together, the removal first
        assertThat(removed.position()).isLessThan(events(second).get(1).position());
    }

    @Test
    void aTagMovesBetweenAChildAndAStaffMember() {
        UUID student = registerStudent("Tim", "Lang");
        UUID staff = registerStaff("Petra", "Lang", false);
        String tag = randomTag();
        api.put("/api/students/" + student + "/tag", admin, Map.of("tag", tag));

        Api.Answer answer = api.put("/api/staff/" + staff + "/tag", admin, Map.of("tag", tag));

        assertThat(answer.body().path("previousHolderId").asText()).isEqualTo(student.toString());
        assertThat(holderOf(tag)).isEqualTo(staff);
        assertThat(jdbc.sql("SELECT person_kind FROM users.tag_holders WHERE tag = ?").param(tag)
                .query(String.class).single()).isEqualTo("STAFF");
    }

    @Test
    void aNewTagReplacesThePersonsOldOne() {
        UUID student = registerStudent("Finn", "Berger");
        String old = randomTag();
        String replacement = randomTag();
        api.put("/api/students/" + student + "/tag", admin, Map.of("tag", old));

        api.put("/api/students/" + student + "/tag", admin, Map.of("tag", replacement));

        assertThat(holderOf(old)).isNull();
        assertThat(holderOf(replacement)).isEqualTo(student);
        assertThat(events(student)).extracting(StoredEvent::type)
                .containsExactly("StudentRegistered", "TagAssigned", "TagRemoved", "TagAssigned");
    }

    @Test
    void assigningTheTagAPersonHoldsChangesNothing() {
        UUID student = registerStudent("Ella", "Brandt");
        String tag = randomTag();
        api.put("/api/students/" + student + "/tag", admin, Map.of("tag", tag));

        Api.Answer again = api.put("/api/students/" + student + "/tag", admin, Map.of("tag", tag.toLowerCase()));

        assertThat(again.status()).isEqualTo(200);
        assertThat(events(student)).hasSize(2);
    }

    @Test
    void removingATagThePersonDoesNotHoldIs404() {
        UUID student = registerStudent("Mila", "Graf");
        String tag = randomTag();

        assertThat(api.delete("/api/students/" + student + "/tag", admin).code()).isEqualTo("TAG_NOT_ASSIGNED");
        api.put("/api/students/" + student + "/tag", admin, Map.of("tag", tag));
        Api.Answer otherTag = api.delete("/api/students/" + student + "/tag", admin, Map.of("tag", randomTag()));

        assertThat(otherTag.status()).isEqualTo(404);
        assertThat(otherTag.code()).isEqualTo("TAG_NOT_ASSIGNED");
        assertThat(holderOf(tag)).isEqualTo(student);
    }

    @Test
    void removingTheHeldTagFreesIt() {
        UUID staff = registerStaff("Olaf", "Kern", true);
        String tag = randomTag();
        api.put("/api/staff/" + staff + "/tag", admin, Map.of("tag", tag));

        Api.Answer answer = api.delete("/api/staff/" + staff + "/tag", admin, Map.of("tag", tag));

        assertThat(answer.status()).isEqualTo(204);
        assertThat(holderOf(tag)).isNull();
        assertThat(events(staff).get(2).payload().path("reason").asText()).isEqualTo("REMOVED");
    }

    @Test
    void tagsOfUnknownPeopleAre404() {
        assertThat(api.put("/api/students/" + UUID.randomUUID() + "/tag", admin, Map.of("tag", randomTag())).code())
                .isEqualTo("STUDENT_NOT_FOUND");
        assertThat(api.delete("/api/staff/" + UUID.randomUUID() + "/tag", admin).code())
                .isEqualTo("STAFF_NOT_FOUND");
        UUID student = registerStudent("Karl", "Otto");
        assertThat(api.put("/api/staff/" + student + "/tag", admin, Map.of("tag", randomTag())).code())
                .isEqualTo("STAFF_NOT_FOUND");
    }

    @Test
    void racingAssignmentsOfOneTagLeaveItWithExactlyOneHolder() throws Exception {
        String tag = randomTag();
        List<UUID> children = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            children.add(registerStudent("Kind", "Nr " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Api.Answer>> racers = new ArrayList<>();
            for (UUID child : children) {
                racers.add(() -> api.put("/api/students/" + child + "/tag", admin, Map.of("tag", tag)));
            }
            for (Future<Api.Answer> answer : pool.invokeAll(racers)) {
                assertThat(answer.get().status()).as(answer.get().toString()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        UUID holder = holderOf(tag);
        assertThat(children).contains(holder);
        // the event streams agree with the lookup: exactly one child's last tag event is an assignment of the tag
        long holdersByEvents = children.stream().filter(child -> {
            List<StoredEvent> events = events(child);
            StoredEvent last = events.get(events.size() - 1);
            return last.type().equals("TagAssigned");
        }).count();
        assertThat(holdersByEvents).isEqualTo(1);
    }
}
