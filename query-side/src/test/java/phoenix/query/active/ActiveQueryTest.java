package phoenix.query.active;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import phoenix.api.checkin.AttendanceClosed;
import phoenix.api.checkin.AttendanceOpened;
import phoenix.api.checkin.StudentCheckedIn;
import phoenix.api.checkin.StudentCheckedOut;
import phoenix.api.checkin.VisitCause;
import phoenix.api.groups.GroupCreated;
import phoenix.api.groups.StudentAssignedToGroup;
import phoenix.api.people.StaffRegistered;
import phoenix.api.people.StudentRegistered;
import phoenix.api.rooms.RoomDetails;
import phoenix.api.rooms.RoomRegistered;
import phoenix.api.sessions.SessionEndReason;
import phoenix.api.sessions.SessionEnded;
import phoenix.api.sessions.SessionStarted;
import phoenix.api.sessions.SupervisorJoined;
import phoenix.platform.testing.Api;
import phoenix.query.QuerySideTest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sessions, visits and attendance as the query side shows them. */
class ActiveQueryTest extends QuerySideTest {

    private static final LocalDate DAY = LocalDate.parse("2026-12-01");
    private static final Instant ONE = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant TWO = Instant.parse("2026-12-01T13:00:00Z");

    @Autowired
    private EventProcessingConfiguration processing;

    private UUID room;
    private UUID leader;
    private UUID stranger;
    private UUID group;
    private UUID child;
    private UUID session;
    private long position;

    @BeforeEach
    void aChildInARoom() {
        clock.set(Instant.parse("2026-12-01T14:00:00Z"));
        room = UUID.randomUUID();
        leader = UUID.randomUUID();
        stranger = UUID.randomUUID();
        group = UUID.randomUUID();
        child = UUID.randomUUID();
        session = UUID.randomUUID();
        append("Room", room, new RoomRegistered(room, new RoomDetails("Atelier " + room, null, null, 12, null)));
        append("Staff", leader, new StaffRegistered(leader, "Lea", "Leitung", null, null, true));
        append("Staff", stranger, new StaffRegistered(stranger, "Fritz", "Fremd", null, null, false));
        append("OgsGroup", group, new GroupCreated(group, "Gruppe " + group, room, Set.of(leader)));
        append("Student", child, new StudentRegistered(child, "Ina", "Kind", "2a", null));
        append("Student", child, new StudentAssignedToGroup(child, group, null));
        append("Session", session, new SessionStarted(session, UUID.randomUUID(), "Malen", room, "Atelier " + room,
                12, 10, "RFID-A", Set.of(leader), ONE));
        append("Session", session, checkedIn(child, UUID.randomUUID(), ONE));
        position = append("StudentDay", child + "/" + DAY, new AttendanceOpened(child, DAY, ONE, false));
    }

    private StudentCheckedIn checkedIn(UUID student, UUID visit, Instant at) {
        return new StudentCheckedIn(session, student, visit, room, at, VisitCause.TAPPED, null);
    }

    @Test
    void aRunningSessionShowsItsRoomActivitySupervisorsAndChildren() {
        Api.Answer running = getAfter(position, "/api/sessions", staffToken(stranger));
        Api.Answer details = api.get("/api/sessions/" + session, staffToken(stranger));

        var item = running.body().path("items").findValues("id").stream()
                .filter(id -> id.asText().equals(session.toString())).findFirst();
        assertThat(item).isPresent();
        assertThat(details.body().path("session").path("activityName").asText()).isEqualTo("Malen");
        assertThat(details.body().path("session").path("supervisors").get(0).path("lastName").asText())
                .isEqualTo("Leitung");
        assertThat(details.body().path("session").path("activeStudents").asLong()).isEqualTo(1);
        assertThat(details.body().path("children").get(0).path("firstName").asText()).isEqualTo("Ina");
    }

    @Test
    void theRoomsOccupancyIsItsRunningSessionsChildren() {
        Api.Answer occupancy = getAfter(position, "/api/rooms/" + room + "/occupancy", staffToken(stranger));

        assertThat(occupancy.body().path("capacity").asInt()).isEqualTo(12);
        assertThat(occupancy.body().path("activityName").asText()).isEqualTo("Malen");
        assertThat(occupancy.body().path("activeStudents").asLong()).isEqualTo(1);
        assertThat(occupancy.body().path("children").get(0).path("since").asText()).isEqualTo(ONE.toString());
    }

    @Test
    void theGroupsStaffSeeWhereAChildIsOthersOnlyThatItIsHere() {
        Api.Answer forLeader = getAfter(position, "/api/students/" + child + "/location", staffToken(leader));
        Api.Answer forStranger = api.get("/api/students/" + child + "/location", staffToken(stranger));

        assertThat(forLeader.body().path("present").asBoolean()).isTrue();
        assertThat(forLeader.body().path("location").path("status").asText()).isEqualTo("PRESENT");
        assertThat(forLeader.body().path("location").path("roomName").asText()).isEqualTo("Atelier " + room);
        assertThat(forLeader.body().path("location").path("since").asText()).isEqualTo(ONE.toString());
        assertThat(forStranger.body().path("present").asBoolean()).isTrue();
        assertThat(forStranger.body().has("location")).isFalse();
    }

    @Test
    void aChildBetweenRoomsIsInTransitAndAChildGoneHomeIsAbsent() {
        UUID visit = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        append("Student", other, new StudentRegistered(other, "Ole", "Kind", "2a", null));
        append("Student", other, new StudentAssignedToGroup(other, group, null));
        append("Session", session, checkedIn(other, visit, ONE));
        append("StudentDay", other + "/" + DAY, new AttendanceOpened(other, DAY, ONE, false));
        long out = append("Session", session, new StudentCheckedOut(session, other, visit, room, TWO,
                VisitCause.TAPPED, null));

        Api.Answer inTransit = getAfter(out, "/api/students/" + other + "/location", staffToken(leader));
        long home = append("StudentDay", other + "/" + DAY, new AttendanceClosed(other, DAY, TWO.plusSeconds(60),
                AttendanceClosed.Reason.WENT_HOME));
        Api.Answer absent = getAfter(home, "/api/students/" + other + "/location", staffToken(leader));

        assertThat(inTransit.body().path("location").path("status").asText()).isEqualTo("IN_TRANSIT");
        assertThat(inTransit.body().path("location").path("since").asText()).isEqualTo(TWO.toString());
        assertThat(absent.body().path("present").asBoolean()).isFalse();
        assertThat(absent.body().path("location").path("status").asText()).isEqualTo("ABSENT");
    }

    @Test
    void aGroupsChildrenComeWithTheirLocations() {
        Api.Answer children = getAfter(position, "/api/groups/" + group + "/students", staffToken(leader));

        assertThat(children.body().path("items").get(0).path("location").path("status").asText()).isEqualTo("PRESENT");
    }

    @Test
    void aChildsVisitsAreForItsGroupsStaffOnly() {
        Api.Answer forLeader = getAfter(position, "/api/students/" + child + "/visits", staffToken(leader));
        Api.Answer forStranger = api.get("/api/students/" + child + "/visits", staffToken(stranger));

        assertThat(forLeader.body().path("items").get(0).path("activityName").asText()).isEqualTo("Malen");
        assertThat(forLeader.body().path("items").get(0).path("startCause").asText()).isEqualTo("TAPPED");
        assertThat(forStranger.status()).isEqualTo(403);
    }

    @Test
    void attendanceIsListedPerDayAndGroupAndOpenAttendanceByItself() {
        UUID absentChild = UUID.randomUUID();
        long last = append("Student", absentChild, new StudentRegistered(absentChild, "Abby", "Weg", "2a", null));
        last = Math.max(last, append("Student", absentChild, new StudentAssignedToGroup(absentChild, group, null)));

        Api.Answer day = getAfter(Math.max(last, position), "/api/attendance?date=" + DAY + "&groupId=" + group,
                staffToken(leader));
        Api.Answer open = api.get("/api/attendance/open?size=200", admin);

        assertThat(day.body().path("items")).extracting(item -> item.path("firstName").asText() + " "
                        + item.path("status").asText())
                .containsExactly("Ina OPEN", "Abby ABSENT");
        assertThat(open.body().path("items").findValuesAsText("studentId")).contains(child.toString());
    }

    @Test
    void unsupervisedSessionsAreListedAndAClaimAddsASupervisor() {
        UUID yard = UUID.randomUUID();
        append("Session", yard, new SessionStarted(yard, null, "Schulhof", room, "Schulhof", 100, 100, null, Set.of(), ONE));
        Api.Answer unsupervised = getAfter(position + 1, "/api/sessions?unsupervised=true&size=200", admin);
        long claimed = append("Session", yard, new SupervisorJoined(yard, stranger, SupervisorJoined.How.CLAIMED));

        assertThat(unsupervised.body().path("items").findValuesAsText("id")).contains(yard.toString())
                .doesNotContain(session.toString());
        assertThat(getAfter(claimed, "/api/sessions?unsupervised=true&size=200", admin).body().path("items")
                .findValuesAsText("id")).doesNotContain(yard.toString());
    }

    @Test
    void anEndedSessionLeavesTheRunningList() {
        long ended = append("Session", session, new SessionEnded(session, SessionEndReason.ENDED, TWO, null));

        Api.Answer running = getAfter(ended, "/api/sessions?size=200", admin);
        Api.Answer all = api.get("/api/sessions?running=false&size=200", admin);

        assertThat(running.body().path("items").findValuesAsText("id")).doesNotContain(session.toString());
        assertThat(all.body().path("items").findValuesAsText("id")).contains(session.toString());
    }

    @Test
    void rebuildingTheActiveProjectionGivesTheSameRows() {
        getAfter(position, "/api/sessions", admin);
        List<Map<String, Object>> before = rows();

        StreamingEventProcessor active = processing.eventProcessor("active", StreamingEventProcessor.class).orElseThrow();
        active.shutDown();
        active.resetTokens();
        active.start();
        await().until(() -> !active.isReplaying() && !active.processingStatus().isEmpty() && active.processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= position));

        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aReaderSeenInTheLastFiveMinutesIsOnline() {
        String device = "RFID-ON-" + UUID.randomUUID().toString().substring(0, 4);
        long registered = append("Device", device, new phoenix.api.devices.DeviceRegistered(device, "Tür", null, "h",
                phoenix.api.devices.DeviceStatus.ACTIVE));
        jdbc.sql("INSERT INTO iot.device_heartbeats (device_id, last_seen) VALUES (?, ?)")
                .param(device).param(java.sql.Timestamp.from(clock.instant().minusSeconds(60))).update();

        Api.Answer online = getAfter(registered, "/api/devices/" + device, admin);
        clock.set(clock.instant().plusSeconds(300));
        Api.Answer offline = api.get("/api/devices/" + device, admin);

        assertThat(online.body().path("online").asBoolean()).isTrue();
        assertThat(offline.body().path("online").asBoolean()).isFalse();
        assertThat(offline.body().path("lastSeen").asText()).isNotBlank();
        // connected to the broker (the bridge writes it from the reader's MQTT status): online whenever last seen
        jdbc.sql("INSERT INTO iot.device_connections (device_id, online, changed_at) VALUES (?, TRUE, now())")
                .param(device).update();
        assertThat(api.get("/api/devices/" + device, admin).body().path("online").asBoolean()).isTrue();
        assertThat(api.get("/api/devices/" + device, admin).body().path("connected").asBoolean()).isTrue();
    }

    private List<Map<String, Object>> rows() {
        return jdbc.sql("""
                        SELECT 'v' AS t, id::text AS k, session_id::text AS a, ended_at::text AS b FROM active.visits
                        UNION ALL SELECT 's', id::text, room_name, ended_at::text FROM active.sessions
                        UNION ALL SELECT 'a', student_id::text || day, status, closed_at::text FROM active.attendance
                        ORDER BY 1, 2
                        """).query().listOfRows();
    }
}
