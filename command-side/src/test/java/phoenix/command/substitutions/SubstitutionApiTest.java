package phoenix.command.substitutions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import phoenix.command.CommandSideTest;
import phoenix.platform.testing.Api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SubstitutionApiTest extends CommandSideTest {

    private UUID group;
    private UUID leader;
    private UUID colleague;
    private UUID other;
    private LocalDate today;

    @BeforeEach
    void aGroupWithALeader() {
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        today = LocalDate.parse("2026-12-01");
        leader = registerStaff("Lea", "Leitung", true);
        colleague = registerStaff("Carl", "Kollege", false);
        other = registerStaff("Olga", "Andere", false);
        group = createGroup(unique("Regenbogen"), registerRoom(unique("Raum"), 20), leader);
    }

    private Map<String, Object> substitution(UUID substitute, LocalDate start, LocalDate end) {
        Map<String, Object> body = new HashMap<>(Map.of("groupId", group, "regularStaffId", leader,
                "substituteStaffId", substitute, "startDate", start.toString(), "endDate", end.toString()));
        body.put("reason", "Fortbildung");
        return body;
    }

    private Api.Answer plan(UUID substitute, LocalDate start, LocalDate end) {
        return api.post("/api/substitutions", admin, substitution(substitute, start, end));
    }

    @Test
    void anAdminPlansASubstitution() {
        Api.Answer answer = plan(colleague, today, today.plusDays(4));

        assertThat(answer.status()).isEqualTo(201);
        StoredEvent planned = events(group).get(1);
        assertThat(planned.type()).isEqualTo("SubstitutionPlanned");
        assertThat(planned.payload().path("substitutionId").asText()).isEqualTo(answer.body().path("id").asText());
        assertThat(planned.payload().path("startDate").asText()).isEqualTo("2026-12-01");
        assertThat(answer.position()).isEqualTo(planned.position());
    }

    @Test
    void datesOutOfOrderOrInThePastAre400() {
        Api.Answer reversed = plan(colleague, today.plusDays(3), today.plusDays(1));
        Api.Answer backdated = plan(colleague, today.minusDays(1), today.plusDays(1));

        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.code()).isEqualTo("INVALID_DATE_RANGE");
        assertThat(backdated.status()).isEqualTo(400);
        assertThat(backdated.code()).isEqualTo("BACKDATED");
    }

    @Test
    void aSubstituteIsRequiredAndCannotBeTheRegularStaffMember() {
        Map<String, Object> missing = substitution(colleague, today, today);
        missing.remove("substituteStaffId");

        assertThat(api.post("/api/substitutions", admin, missing).code()).isEqualTo("VALIDATION_FAILED");
        Api.Answer self = plan(leader, today, today);
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.code()).isEqualTo("SAME_STAFF");
    }

    @Test
    void unknownGroupsAndStaffAre404() {
        Map<String, Object> unknownGroup = substitution(colleague, today, today);
        unknownGroup.put("groupId", UUID.randomUUID());

        assertThat(api.post("/api/substitutions", admin, unknownGroup).code()).isEqualTo("GROUP_NOT_FOUND");
        assertThat(plan(UUID.randomUUID(), today, today).code()).isEqualTo("STAFF_NOT_FOUND");
        assertThat(api.put("/api/substitutions/" + UUID.randomUUID(), admin, Map.of("substituteStaffId", colleague,
                "startDate", today.toString(), "endDate", today.toString())).code()).isEqualTo("SUBSTITUTION_NOT_FOUND");
    }

    @Test
    void theSameSubstituteForTheSameGroupOnOverlappingDatesIsADuplicate() {
        plan(colleague, today, today.plusDays(5));

        Api.Answer overlapping = plan(colleague, today.plusDays(5), today.plusDays(8));
        Api.Answer adjacent = plan(colleague, today.plusDays(6), today.plusDays(8));
        Api.Answer anotherSubstitute = plan(other, today, today.plusDays(5));

        assertThat(overlapping.status()).isEqualTo(409);
        assertThat(overlapping.code()).isEqualTo("SUBSTITUTION_OVERLAP");
        assertThat(adjacent.status()).isEqualTo(201);
        assertThat(anotherSubstitute.status()).isEqualTo(201);
    }

    @Test
    void oneSubstituteMayCoverSeveralGroups() {
        UUID otherGroup = createGroup(unique("Sonne"), registerRoom(unique("Raum"), 10));
        plan(colleague, today, today.plusDays(2));
        Map<String, Object> elsewhere = substitution(colleague, today, today.plusDays(2));
        elsewhere.put("groupId", otherGroup);
        elsewhere.remove("regularStaffId");

        assertThat(api.post("/api/substitutions", admin, elsewhere).status()).isEqualTo(201);
    }

    @Test
    void updatesFollowTheSameRules() {
        String first = plan(colleague, today.plusDays(1), today.plusDays(2)).body().path("id").asText();
        plan(other, today.plusDays(5), today.plusDays(6));

        Api.Answer overlap = api.put("/api/substitutions/" + first, admin, Map.of("substituteStaffId", other,
                "startDate", today.plusDays(4).toString(), "endDate", today.plusDays(5).toString()));
        Api.Answer reversed = api.put("/api/substitutions/" + first, admin, Map.of("substituteStaffId", colleague,
                "startDate", today.plusDays(4).toString(), "endDate", today.plusDays(3).toString()));
        Api.Answer fine = api.put("/api/substitutions/" + first, admin, Map.of("substituteStaffId", colleague,
                "startDate", today.plusDays(2).toString(), "endDate", today.plusDays(9).toString(), "reason", "Kur"));

        assertThat(overlap.code()).isEqualTo("SUBSTITUTION_OVERLAP");
        assertThat(reversed.code()).isEqualTo("INVALID_DATE_RANGE");
        assertThat(fine.status()).isEqualTo(204);
        assertThat(events(group)).extracting(StoredEvent::type).endsWith("SubstitutionChanged");
    }

    @Test
    void aStartedSubstitutionCanBeShortenedToTodayButNotMovedIntoThePast() {
        String id = plan(colleague, today, today.plusDays(10)).body().path("id").asText();
        clock.set(Instant.parse("2026-12-03T09:00:00Z"));

        Api.Answer shortened = api.put("/api/substitutions/" + id, admin, Map.of("substituteStaffId", colleague,
                "startDate", "2026-12-01", "endDate", "2026-12-03"));
        Api.Answer endsYesterday = api.put("/api/substitutions/" + id, admin, Map.of("substituteStaffId", colleague,
                "startDate", "2026-12-01", "endDate", "2026-12-02"));
        Api.Answer movedBack = api.put("/api/substitutions/" + id, admin, Map.of("substituteStaffId", colleague,
                "startDate", "2026-11-30", "endDate", "2026-12-03"));

        assertThat(shortened.status()).isEqualTo(204);
        assertThat(endsYesterday.code()).isEqualTo("BACKDATED");
        assertThat(movedBack.code()).isEqualTo("BACKDATED");
    }

    @Test
    void aSubstitutionThatHasNotStartedIsCancelledAndARunningOneEnded() {
        String future = plan(colleague, today.plusDays(3), today.plusDays(4)).body().path("id").asText();
        String running = plan(other, today, today.plusDays(4)).body().path("id").asText();

        assertThat(api.delete("/api/substitutions/" + future, admin).status()).isEqualTo(204);
        assertThat(api.delete("/api/substitutions/" + running, admin).status()).isEqualTo(204);

        List<StoredEvent> events = events(group);
        assertThat(events).extracting(StoredEvent::type).endsWith("SubstitutionCancelled", "SubstitutionEnded");
        assertThat(events.get(events.size() - 1).payload().path("lastDay").asText()).isEqualTo("2026-11-30");
        assertThat(api.delete("/api/substitutions/" + future, admin).code()).isEqualTo("SUBSTITUTION_OVER");
    }

    @Test
    void at2330UtcItIsAlreadyTomorrowInBerlin() {
        clock.set(Instant.parse("2026-12-01T23:30:00Z")); // 00:30 on 2 December in Berlin

        Api.Answer utcToday = plan(colleague, LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"));
        Api.Answer berlinToday = plan(colleague, LocalDate.parse("2026-12-02"), LocalDate.parse("2026-12-02"));

        assertThat(utcToday.code()).isEqualTo("BACKDATED");
        assertThat(berlinToday.status()).isEqualTo(201);
    }

    @Test
    void aLeaderHandsTheGroupOverForTodayAndRevokesIt() {
        String leaderToken = staffToken(leader);

        Api.Answer handedOver = api.post("/api/groups/" + group + "/transfers", leaderToken,
                Map.of("targetStaffId", colleague));
        Api.Answer toAnother = api.post("/api/groups/" + group + "/transfers", leaderToken,
                Map.of("targetStaffId", other));
        Api.Answer again = api.post("/api/groups/" + group + "/transfers", leaderToken,
                Map.of("targetStaffId", colleague));

        assertThat(handedOver.status()).isEqualTo(201);
        assertThat(toAnother.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("SUBSTITUTION_OVERLAP");
        StoredEvent event = events(group).get(1);
        assertThat(event.type()).isEqualTo("GroupHandedOverForToday");
        assertThat(event.payload().path("date").asText()).isEqualTo("2026-12-01");

        String transfer = handedOver.body().path("id").asText();
        assertThat(api.delete("/api/groups/" + group + "/transfers/" + transfer, leaderToken).status()).isEqualTo(204);
        assertThat(events(group).get(events(group).size() - 1).payload().path("reason").asText()).isEqualTo("REVOKED");
    }

    @Test
    void onlyALeaderMayHandOverAndNeverToThemselves() {
        Api.Answer byColleague = api.post("/api/groups/" + group + "/transfers", staffToken(colleague),
                Map.of("targetStaffId", other));
        Api.Answer withoutStaffAccount = api.post("/api/groups/" + group + "/transfers", admin,
                Map.of("targetStaffId", other));
        Api.Answer toSelf = api.post("/api/groups/" + group + "/transfers", staffToken(leader),
                Map.of("targetStaffId", leader));
        Api.Answer unknownTarget = api.post("/api/groups/" + group + "/transfers", staffToken(leader),
                Map.of("targetStaffId", UUID.randomUUID()));

        assertThat(byColleague.status()).isEqualTo(403);
        assertThat(withoutStaffAccount.status()).isEqualTo(403);
        assertThat(toSelf.status()).isEqualTo(400);
        assertThat(toSelf.code()).isEqualTo("SAME_STAFF");
        assertThat(unknownTarget.status()).isEqualTo(404);
        assertThat(unknownTarget.code()).isEqualTo("STAFF_NOT_FOUND");
    }

    @Test
    void anAdminSubstitutionCannotBeRevokedAsATransfer() {
        String planned = plan(colleague, today, today).body().path("id").asText();

        Api.Answer answer = api.delete("/api/groups/" + group + "/transfers/" + planned, staffToken(leader));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("NOT_A_TRANSFER");
    }
}
