package phoenix.command.checkin;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import phoenix.api.Role;
import phoenix.platform.testing.Api;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff checking children in and out by hand, and claiming unsupervised sessions. */
class StaffCheckInApiTest extends CheckInTest {

    private UUID leader;
    private UUID supervisor;
    private UUID stranger;
    private UUID substitute;
    private UUID group;
    private UUID room;
    private UUID session;
    private UUID child;
    private Reader reader;

    @BeforeEach
    void aGroupAndARunningSession() {
        at("13:00");
        leader = registerStaff("Lea", "Leitung", true);
        supervisor = registerStaff("Susi", "Aufsicht", false);
        stranger = registerStaff("Fritz", "Fremd", false);
        substitute = registerStaff("Vera", "Vertretung", false);
        room = registerRoom(unique("Atelier"), 20);
        group = createGroup(unique("Gruppe"), room, leader);
        reader = reader();
        session = startedSession(reader, registerActivity(unique("Malen"), 20, room), room, supervisor);
        child = registerStudent("Ina", "Kind");
        api.put("/api/students/" + child + "/group", admin, Map.of("groupId", group));
    }

    private Api.Answer checkIn(String token, UUID student, UUID into) {
        return api.post("/api/students/" + student + "/check-in", token, Map.of("sessionId", into));
    }

    @Test
    void theGroupLeaderChecksAChildInByHand() {
        Api.Answer answer = checkIn(staffToken(leader), child, session);

        assertThat(answer.status()).isEqualTo(204);
        assertThat(sessionOf(child)).isEqualTo(session);
        StoredEvent checkedIn = events(session).stream().filter(e -> e.type().equals("StudentCheckedIn"))
                .findFirst().orElseThrow();
        assertThat(checkedIn.payload().path("cause").asText()).isEqualTo("BY_STAFF");
        assertThat(events(child + "/" + DAY)).extracting(StoredEvent::type).containsExactly("AttendanceOpened");
    }

    @Test
    void theSessionsSupervisorAndTodaysSubstituteMayToo() {
        UUID other = registerStudent("Ole", "Kind");
        api.put("/api/students/" + other + "/group", admin, Map.of("groupId", group));
        Map<String, Object> substitution = new HashMap<>(Map.of("groupId", group, "substituteStaffId", substitute,
                "startDate", DAY.toString(), "endDate", DAY.toString()));
        assertThat(api.post("/api/substitutions", admin, substitution).status()).isEqualTo(201);

        assertThat(checkIn(staffToken(supervisor), child, session).status()).isEqualTo(204);
        assertThat(checkIn(staffToken(substitute), other, session).status()).isEqualTo(204);
    }

    @Test
    void otherStaffMayNotCheckAChildIn() {
        Api.Answer stranger = checkIn(staffToken(this.stranger), child, session);
        Api.Answer noStaffAccount = checkIn(admin, child, session);

        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.code()).isEqualTo("FORBIDDEN");
        assertThat(noStaffAccount.status()).isEqualTo(403);
        assertThat(sessionOf(child)).isNull();
    }

    @Test
    void aChildAlreadyPresentOrAnEndedSessionIsAConflict() {
        checkIn(staffToken(leader), child, session);
        Api.Answer twice = checkIn(staffToken(leader), child, session);
        api.post("/api/iot/session/end", reader.key(), null);
        UUID other = registerStudent("Pia", "Kind");
        api.put("/api/students/" + other + "/group", admin, Map.of("groupId", group));
        Api.Answer ended = checkIn(staffToken(leader), other, session);

        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("ALREADY_PRESENT");
        assertThat(ended.status()).isEqualTo(409);
        assertThat(ended.code()).isEqualTo("SESSION_ENDED");
        assertThat(checkIn(staffToken(leader), other, UUID.randomUUID()).code()).isEqualTo("SESSION_NOT_FOUND");
    }

    @Test
    void anyStaffMemberSendsAChildHomeWhichEndsItsVisitAndItsDay() {
        checkIn(staffToken(leader), child, session);

        Api.Answer home = api.post("/api/students/" + child + "/check-out", staffToken(stranger), null);
        Api.Answer again = api.post("/api/students/" + child + "/check-out", staffToken(stranger), null);

        assertThat(home.status()).isEqualTo(204);
        assertThat(sessionOf(child)).isNull();
        assertThat(events(child + "/" + DAY)).extracting(StoredEvent::type)
                .containsExactly("AttendanceOpened", "AttendanceClosed");
        assertThat(events(child + "/" + DAY).get(1).payload().path("reason").asText()).isEqualTo("CHECKED_OUT_BY_STAFF");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.code()).isEqualTo("NOT_PRESENT");
    }

    @Test
    void aChildThatIsNotHereCannotBeSentHome() {
        Api.Answer answer = api.post("/api/students/" + child + "/check-out", staffToken(leader), null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("NOT_PRESENT");
        assertThat(api.post("/api/students/" + UUID.randomUUID() + "/check-out", staffToken(leader), null).code())
                .isEqualTo("STUDENT_NOT_FOUND");
    }

    @Test
    void anUnsupervisedSessionIsClaimedOnce() {
        UUID yard = jdbc.sql("SELECT room_id FROM facilities.room_names WHERE name_key = 'schulhof'")
                .query(UUID.class).optional().orElseGet(() -> registerRoom("Schulhof", 100));
        String tag = randomTag();
        UUID kid = studentWithTag("Yves", tag);
        tap(reader(), tag, yard);
        UUID yardSession = sessionOf(kid);

        Api.Answer claimed = api.post("/api/sessions/" + yardSession + "/claim", staffToken(stranger), null);
        Api.Answer twice = api.post("/api/sessions/" + yardSession + "/claim", staffToken(leader), null);

        assertThat(claimed.status()).isEqualTo(204);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("SESSION_SUPERVISED");
        assertThat(api.post("/api/sessions/" + session + "/claim", staffToken(stranger), null).code())
                .isEqualTo("SESSION_SUPERVISED");
        assertThat(api.post("/api/sessions/" + UUID.randomUUID() + "/claim", staffToken(stranger), null).code())
                .isEqualTo("SESSION_NOT_FOUND");
    }

    @Test
    void aStaffAccountOfNoStaffMemberCannotClaimASession() {
        Api.Answer answer = api.post("/api/sessions/" + session + "/claim", token(Role.STAFF), null);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.code()).isEqualTo("FORBIDDEN");
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }
}
