package phoenix.query.education;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import phoenix.api.groups.GroupCreated;
import phoenix.api.groups.GroupDeleted;
import phoenix.api.groups.GroupRenamed;
import phoenix.api.groups.GroupTeachersChanged;
import phoenix.api.groups.StudentAssignedToGroup;
import phoenix.api.groups.StudentRemovedFromGroup;
import phoenix.api.people.StaffRegistered;
import phoenix.api.people.StudentRegistered;
import phoenix.api.rooms.RoomDetails;
import phoenix.api.rooms.RoomRegistered;
import phoenix.api.substitutions.GroupHandedOverForToday;
import phoenix.api.substitutions.SubstitutionPlanned;
import phoenix.platform.testing.Api;
import phoenix.query.QuerySideTest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Groups, their children, "my groups", and who sees a child's details. */
class GroupQueryTest extends QuerySideTest {

    private UUID room;
    private UUID leader;
    private UUID substitute;
    private UUID stranger;
    private UUID group;
    private UUID otherGroup;
    private UUID child;
    private UUID otherChild;
    private long position;

    @BeforeEach
    void aGroupWithAChildAndAChildElsewhere() {
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        room = UUID.randomUUID();
        leader = UUID.randomUUID();
        substitute = UUID.randomUUID();
        stranger = UUID.randomUUID();
        group = UUID.randomUUID();
        otherGroup = UUID.randomUUID();
        child = UUID.randomUUID();
        otherChild = UUID.randomUUID();
        append("Room", room, new RoomRegistered(room, new RoomDetails("Sternenzimmer " + room, null, null, 20, null)));
        append("Staff", leader, new StaffRegistered(leader, "Lea", "Leitung", null, null, true));
        append("Staff", substitute, new StaffRegistered(substitute, "Sam", "Springer", null, null, false));
        append("Staff", stranger, new StaffRegistered(stranger, "Fritz", "Fremd", null, null, false));
        append("OgsGroup", group, new GroupCreated(group, "Sternengruppe " + group, room, Set.of(leader)));
        append("OgsGroup", otherGroup, new GroupCreated(otherGroup, "Mondgruppe " + otherGroup, room, Set.of()));
        append("Student", child, new StudentRegistered(child, "Mia", "Stern", "2a", LocalDate.of(2018, 5, 1)));
        append("Student", child, new StudentAssignedToGroup(child, group, null));
        append("Student", otherChild, new StudentRegistered(otherChild, "Max", "Mond", "3b", LocalDate.of(2017, 1, 2)));
        position = append("Student", otherChild, new StudentAssignedToGroup(otherChild, otherGroup, null));
    }

    @Test
    void aGroupShowsItsHomeRoomLeadersAndChildCount() {
        Api.Answer answer = getAfter(position, "/api/groups/" + group, staffToken(stranger));

        assertThat(answer.body().path("name").asText()).isEqualTo("Sternengruppe " + group);
        assertThat(answer.body().path("homeRoomName").asText()).isEqualTo("Sternenzimmer " + room);
        assertThat(answer.body().path("teachers").get(0).path("lastName").asText()).isEqualTo("Leitung");
        assertThat(answer.body().path("studentCount").asLong()).isEqualTo(1);
        assertThat(api.get("/api/groups?name=" + group, admin).body().path("totalItems").asInt()).isEqualTo(1);
    }

    @Test
    void aLeaderSeesTheFullDetailsOfTheChildrenInTheGroupAndLessOfOthers() {
        String leaderToken = staffToken(leader);

        Api.Answer mine = getAfter(position, "/api/students/" + child, leaderToken);
        Api.Answer notMine = api.get("/api/students/" + otherChild, leaderToken);

        assertThat(mine.body().path("birthday").asText()).isEqualTo("2018-05-01");
        assertThat(mine.body().path("groupName").asText()).isEqualTo("Sternengruppe " + group);
        assertThat(mine.body().path("sick").asBoolean()).isFalse();
        assertThat(mine.body().has("tag")).isFalse();
        assertThat(notMine.body().path("firstName").asText()).isEqualTo("Max");
        assertThat(notMine.body().path("schoolClass").asText()).isEqualTo("3b");
        assertThat(notMine.body().has("birthday")).isFalse();
        assertThat(notMine.body().has("groupId")).isFalse();
        assertThat(notMine.body().has("sick")).isFalse();
    }

    @Test
    void anAdminSeesEverythingAndStaffWithoutGroupsSeeOnlyNamesAndClasses() {
        Api.Answer asAdmin = getAfter(position, "/api/groups/" + group + "/students", admin);
        Api.Answer asStranger = api.get("/api/groups/" + group + "/students", staffToken(stranger));

        assertThat(asAdmin.body().path("items").get(0).path("birthday").asText()).isEqualTo("2018-05-01");
        assertThat(asStranger.body().path("items").get(0).path("lastName").asText()).isEqualTo("Stern");
        assertThat(asStranger.body().path("items").get(0).has("birthday")).isFalse();
    }

    @Test
    void aSubstituteSeesTheGroupOnTheSubstitutionsDaysOnly() {
        long planned = append("OgsGroup", group, new SubstitutionPlanned(group, UUID.randomUUID(), leader, substitute,
                LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"), null));
        String token = staffToken(substitute);

        Api.Answer during = getAfter(planned, "/api/students/" + child, token);
        clock.set(Instant.parse("2026-12-02T22:59:00Z")); // 23:59 on the last day in Berlin
        Api.Answer lastMinute = api.get("/api/students/" + child, token);
        clock.set(Instant.parse("2026-12-02T23:30:00Z")); // 00:30 the day after, in Berlin; still the 2nd in UTC
        Api.Answer after = api.get("/api/students/" + child, token);

        assertThat(during.body().has("birthday")).isTrue();
        assertThat(lastMinute.body().has("birthday")).isTrue();
        assertThat(after.body().has("birthday")).isFalse();
    }

    @Test
    void myGroupsAreTheOnesILeadAndTheOnesISubstituteInOrTookOverToday() {
        long handedOver = append("OgsGroup", otherGroup, new GroupHandedOverForToday(otherGroup, UUID.randomUUID(),
                leader, substitute, LocalDate.parse("2026-12-01")));
        long planned = append("OgsGroup", group, new SubstitutionPlanned(group, UUID.randomUUID(), leader, substitute,
                LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-05"), null));

        Api.Answer leaders = getAfter(Math.max(handedOver, planned), "/api/me/groups", staffToken(leader));
        Api.Answer substitutes = api.get("/api/me/groups", staffToken(substitute));
        Api.Answer strangers = api.get("/api/me/groups", staffToken(stranger));

        assertThat(leaders.body()).extracting(g -> g.path("access").asText()).containsExactly("LEADER");
        assertThat(substitutes.body()).extracting(g -> g.path("group").path("id").asText() + " " + g.path("access").asText())
                .containsExactlyInAnyOrder(group + " SUBSTITUTE", otherGroup + " TRANSFER");
        assertThat(strangers.body()).isEmpty();
        assertThat(api.get("/api/me/groups", admin).body()).isEmpty();
        assertThat(api.get("/api/groups/" + group, admin).body().path("substitutesToday").get(0).path("lastName")
                .asText()).isEqualTo("Springer");
    }

    @Test
    void renamedLeadersChangedAndDeletedGroupsAreShownAsTheyAreNow() {
        append("OgsGroup", group, new GroupRenamed(group, "Sonnengruppe " + group, "Sternengruppe " + group));
        long changed = append("OgsGroup", group, new GroupTeachersChanged(group, Set.of()));

        Api.Answer renamed = getAfter(changed, "/api/groups/" + group, admin);
        append("Student", child, new StudentRemovedFromGroup(child, group, StudentRemovedFromGroup.Reason.GROUP_DELETED));
        long deleted = append("OgsGroup", group, new GroupDeleted(group, "Sonnengruppe " + group));

        assertThat(renamed.body().path("name").asText()).isEqualTo("Sonnengruppe " + group);
        assertThat(renamed.body().path("teachers")).isEmpty();
        assertThat(getAfter(deleted, "/api/groups/" + group, admin).code()).isEqualTo("GROUP_NOT_FOUND");
        assertThat(api.get("/api/students/" + child, admin).body().has("groupId")).isFalse();
    }
}
