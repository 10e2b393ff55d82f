package phoenix.query.schedule;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import phoenix.api.groups.GroupCreated;
import phoenix.api.people.StaffRegistered;
import phoenix.api.substitutions.EndReason;
import phoenix.api.substitutions.GroupHandedOverForToday;
import phoenix.api.substitutions.SubstitutionCancelled;
import phoenix.api.substitutions.SubstitutionChanged;
import phoenix.api.substitutions.SubstitutionEnded;
import phoenix.api.substitutions.SubstitutionPlanned;
import phoenix.platform.testing.Api;
import phoenix.query.QuerySideTest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SubstitutionQueryTest extends QuerySideTest {

    private UUID group;
    private UUID regular;
    private UUID substitute;

    @BeforeEach
    void aGroupAndTwoStaff() {
        group = UUID.randomUUID();
        regular = UUID.randomUUID();
        substitute = UUID.randomUUID();
        append("Staff", regular, new StaffRegistered(regular, "Rosa", "Regel", null, null, true));
        append("Staff", substitute, new StaffRegistered(substitute, "Sven", "Sub", null, null, false));
        append("OgsGroup", group, new GroupCreated(group, "Gruppe " + group, UUID.randomUUID(), Set.of(regular)));
    }

    private long plan(UUID id, String start, String end) {
        return append("OgsGroup", group, new SubstitutionPlanned(group, id, regular, substitute,
                LocalDate.parse(start), LocalDate.parse(end), "Kur"));
    }

    @Test
    void aSubstitutionIsActiveOnItsStartAndEndDateByTheBerlinCalendar() {
        UUID id = UUID.randomUUID();
        long position = plan(id, "2026-12-01", "2026-12-03");

        clock.set(Instant.parse("2026-11-30T23:30:00Z")); // 00:30 on 1 December in Berlin
        Api.Answer firstMinutes = getAfter(position, "/api/substitutions?groupId=" + group, admin);
        clock.set(Instant.parse("2026-12-03T23:30:00Z")); // 00:30 on 4 December in Berlin
        Api.Answer dayAfter = api.get("/api/substitutions?groupId=" + group, admin);
        Api.Answer onEndDate = api.get("/api/substitutions?groupId=" + group + "&date=2026-12-03", admin);

        JsonAssert.onlyItem(firstMinutes, id);
        assertThat(firstMinutes.body().path("items").get(0).path("activeNow").asBoolean()).isTrue();
        assertThat(dayAfter.body().path("totalItems").asInt()).isZero();
        JsonAssert.onlyItem(onEndDate, id);
        assertThat(onEndDate.body().path("items").get(0).path("activeNow").asBoolean()).isFalse();
    }

    @Test
    void eachSubstitutionComesWithNamesDurationAndReasonForAdminsOnly() {
        UUID id = UUID.randomUUID();
        long position = plan(id, "2026-12-01", "2026-12-05");
        clock.set(Instant.parse("2026-12-02T08:00:00Z"));

        Api.Answer asAdmin = getAfter(position, "/api/substitutions", admin);
        Api.Answer asStaff = api.get("/api/substitutions?staffId=" + substitute, staffToken(substitute));

        var item = JsonAssert.item(asAdmin, id);
        assertThat(item.path("groupName").asText()).isEqualTo("Gruppe " + group);
        assertThat(item.path("regular").path("lastName").asText()).isEqualTo("Regel");
        assertThat(item.path("substitute").path("firstName").asText()).isEqualTo("Sven");
        assertThat(item.path("durationDays").asLong()).isEqualTo(5);
        assertThat(item.path("activeNow").asBoolean()).isTrue();
        assertThat(item.path("reason").asText()).isEqualTo("Kur");
        assertThat(JsonAssert.item(asStaff, id).path("reason").isNull()).isTrue();
    }

    @Test
    void changedEndedCancelledAndTransferredAreShownAsTheyAre() {
        UUID changed = UUID.randomUUID();
        UUID ended = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID transfer = UUID.randomUUID();
        plan(changed, "2026-12-01", "2026-12-02");
        append("OgsGroup", group, new SubstitutionChanged(group, changed, regular, substitute,
                LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-10"), null));
        plan(ended, "2026-11-20", "2026-11-25");
        append("OgsGroup", group, new SubstitutionEnded(group, ended, LocalDate.parse("2026-11-22"), EndReason.WITHDRAWN));
        plan(cancelled, "2026-12-20", "2026-12-21");
        append("OgsGroup", group, new SubstitutionCancelled(group, cancelled, EndReason.WITHDRAWN));
        long position = append("OgsGroup", group, new GroupHandedOverForToday(group, transfer, regular, substitute,
                LocalDate.parse("2026-12-01")));

        Api.Answer all = getAfter(position, "/api/groups/" + group + "/substitutions", admin);

        assertThat(JsonAssert.item(all, changed).path("endDate").asText()).isEqualTo("2026-12-10");
        assertThat(JsonAssert.item(all, ended).path("lastDay").asText()).isEqualTo("2026-11-22");
        assertThat(JsonAssert.item(all, ended).path("durationDays").asLong()).isEqualTo(3);
        assertThat(JsonAssert.item(all, cancelled).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(JsonAssert.item(all, cancelled).path("durationDays").asLong()).isZero();
        assertThat(JsonAssert.item(all, transfer).path("kind").asText()).isEqualTo("SAME_DAY_TRANSFER");
        assertThat(api.get("/api/staff/" + regular + "/substitutions", admin).body().path("totalItems").asInt())
                .isEqualTo(4);
        assertThat(api.get("/api/substitutions?date=2026-12-20&groupId=" + group, admin).body().path("totalItems")
                .asInt()).isZero();
    }
}
