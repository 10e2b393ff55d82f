package phoenix.query.live;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
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
import phoenix.platform.testing.Api;
import phoenix.query.QuerySideTest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GET /api/events: live check-ins, check-outs, transfers and sessions, for whom may see them, resumable. */
class LiveEventsTest extends QuerySideTest {

    private static final Instant ONE = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant TWO = Instant.parse("2026-12-01T13:00:00Z");

    @LocalServerPort
    private int port;

    private final List<EventStreamClient> streams = new ArrayList<>();
    private UUID room;
    private UUID leader;
    private UUID stranger;
    private UUID group;
    private UUID child;
    private UUID session;

    @BeforeEach
    void aRunningSessionAndAChildOfAGroup() {
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
        long started = append("Session", session, new SessionStarted(session, UUID.randomUUID(), "Malen", room,
                "Atelier " + room, 12, 10, "RFID-A", Set.of(leader), ONE));
        // the group's staff and the child's name are in the read model before anything is streamed
        getAfter(started, "/api/groups/" + group + "/students", admin);
    }

    @AfterEach
    void closeStreams() {
        streams.forEach(EventStreamClient::close);
    }

    @Test
    void anAdminGetsACheckInWithItsPositionAsIdAndTheChildsName() {
        EventStreamClient admins = connect(admin);

        long position = append("Session", session, checkedIn(child, session, VisitCause.TAPPED, null));

        await().until(() -> !admins.about(child).isEmpty());
        EventStreamClient.Event checkIn = admins.about(child).get(0);
        assertThat(checkIn.name()).isEqualTo("check-in");
        assertThat(checkIn.position()).isEqualTo(position);
        assertThat(checkIn.data().path("position").asLong()).isEqualTo(position);
        assertThat(checkIn.data().path("firstName").asText()).isEqualTo("Ina");
        assertThat(checkIn.data().path("lastName").asText()).isEqualTo("Kind");
        assertThat(checkIn.data().path("groupId").asText()).isEqualTo(group.toString());
        assertThat(checkIn.data().path("sessionId").asText()).isEqualTo(session.toString());
        assertThat(checkIn.data().path("roomId").asText()).isEqualTo(room.toString());
        assertThat(checkIn.data().path("cause").asText()).isEqualTo("TAPPED");
        assertThat(checkIn.data().path("at").asText()).isEqualTo(ONE.toString());
    }

    @Test
    void aTransferArrivesAsTransferAndTheVisitItLeftIsNotSentAsACheckOut() {
        EventStreamClient admins = connect(admin);
        UUID next = startSession("Turnen");
        UUID visit = UUID.randomUUID();
        long checkIn = append("Session", session, new StudentCheckedIn(session, child, visit, room, ONE,
                VisitCause.TAPPED, null));

        append("Session", session, new StudentCheckedOut(session, child, visit, room, TWO, VisitCause.TRANSFERRED,
                next));
        long transfer = append("Session", next, checkedIn(child, next, VisitCause.TRANSFERRED, session));
        long wentHome = append("Session", next, new StudentCheckedOut(next, child, UUID.randomUUID(), room, TWO,
                VisitCause.BY_STAFF, null));

        await().until(() -> admins.about(child).size() >= 3);
        assertThat(admins.about(child)).extracting(EventStreamClient.Event::name)
                .containsExactly("check-in", "transfer", "check-out");
        assertThat(admins.about(child)).extracting(EventStreamClient.Event::position)
                .containsExactly(checkIn, transfer, wentHome);
        assertThat(admins.about(child).get(1).data().path("fromSessionId").asText()).isEqualTo(session.toString());
        assertThat(admins.about(child).get(1).data().path("sessionId").asText()).isEqualTo(next.toString());
    }

    @Test
    void sessionsStartingAndEndingArriveWithTheirRoomAndActivity() {
        EventStreamClient admins = connect(admin);

        UUID yard = startSession("Fußball");
        long ended = append("Session", yard, new SessionEnded(yard, SessionEndReason.TIMEOUT, TWO, null));

        await().until(() -> admins.about(yard).size() == 2);
        List<EventStreamClient.Event> events = admins.about(yard);
        assertThat(events).extracting(EventStreamClient.Event::name).containsExactly("session-started", "session-ended");
        assertThat(events.get(1).position()).isEqualTo(ended);
        assertThat(events.get(1).data().path("activityName").asText()).isEqualTo("Fußball");
        assertThat(events.get(1).data().path("roomName").asText()).isEqualTo("Atelier " + room);
        assertThat(events.get(1).data().path("roomId").asText()).isEqualTo(room.toString());
        assertThat(events.get(1).data().path("cause").asText()).isEqualTo("TIMEOUT");
        assertThat(events.get(0).data().path("at").asText()).isEqualTo(ONE.toString());
    }

    @Test
    void staffSeeTheChildrenOfTheirGroupsOnlyAndEverySession() {
        EventStreamClient leaders = connect(staffToken(leader));
        EventStreamClient strangers = connect(staffToken(stranger));
        EventStreamClient withoutStaffMember = connect(staff);

        append("Session", session, checkedIn(child, session, VisitCause.TAPPED, null));
        UUID later = startSession("Lesen");

        await().until(() -> !leaders.about(later).isEmpty() && !strangers.about(later).isEmpty()
                && !withoutStaffMember.about(later).isEmpty());
        assertThat(leaders.about(child)).extracting(EventStreamClient.Event::name).containsExactly("check-in");
        assertThat(strangers.about(child)).isEmpty();
        assertThat(withoutStaffMember.about(child)).isEmpty();
    }

    @Test
    void reconnectingWithTheLastEventIdGetsExactlyWhatWasMissedInOrderAndThenGoesOnLive() {
        EventStreamClient first = connect(staffToken(leader));
        UUID visit = UUID.randomUUID();
        long seen = append("Session", session, new StudentCheckedIn(session, child, visit, room, ONE,
                VisitCause.TAPPED, null));
        await().until(() -> first.events.stream().anyMatch(event -> event.position() == seen));
        first.close();

        UUID otherGroupsChild = UUID.randomUUID();
        append("Student", otherGroupsChild, new StudentRegistered(otherGroupsChild, "Otto", "Anders", "3b", null));
        long out = append("Session", session, new StudentCheckedOut(session, child, visit, room, TWO,
                VisitCause.TAPPED, null));
        append("Session", session, checkedIn(otherGroupsChild, session, VisitCause.TAPPED, null));
        long back = append("Session", session, checkedIn(child, session, VisitCause.BY_STAFF, null));
        long ended = append("Session", session, new SessionEnded(session, SessionEndReason.ENDED, TWO, null));

        EventStreamClient resumed = connect(staffToken(leader), seen);
        await().until(() -> resumed.events.stream().anyMatch(event -> event.position() == ended));
        UUID afterwards = startSession("Kochen");

        await().until(() -> !resumed.about(afterwards).isEmpty());
        assertThat(resumed.events).extracting(EventStreamClient.Event::position)
                .containsExactly(out, back, ended, resumed.about(afterwards).get(0).position());
        assertThat(resumed.events).extracting(EventStreamClient.Event::name)
                .containsExactly("check-out", "check-in", "session-ended", "session-started");
    }

    @Test
    void theTokenMayBeAQueryParameterOfTheEventStreamButNowhereElse() {
        EventStreamClient byParameter = track(EventStreamClient.open(port, "/api/events?access_token=" + admin,
                null, null));
        Api.Answer rooms = api.get("/api/rooms?access_token=" + admin, null);

        assertThat(byParameter.status()).isEqualTo(200);
        assertThat(byParameter.contentType()).startsWith("text/event-stream");
        await().until(byParameter::connected);
        assertThat(rooms.status()).isEqualTo(401);
        assertThat(rooms.code()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void withoutATokenTheStreamAnswers401() {
        EventStreamClient anonymous = track(EventStreamClient.open(port, "/api/events", null, null));

        await().until(() -> !anonymous.lines.isEmpty());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(String.join("", anonymous.lines)).contains("UNAUTHENTICATED");
    }

    @Test
    void aRequestThatDoesNotAcceptAnEventStreamAnswers406() {
        Api.Answer json = api.get("/api/events", admin);

        assertThat(json.status()).isEqualTo(406);
        assertThat(json.code()).isEqualTo("NOT_ACCEPTABLE");
    }

    @Test
    void aLastEventIdThatIsNoPositionAnswers400() {
        Api.Answer answer = api.get("/api/events", admin, Map.of("Accept", "text/event-stream",
                "Last-Event-ID", "yesterday"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_POSITION");
    }

    private EventStreamClient connect(String token) {
        return connect(token, null);
    }

    /** Open, and registered: every event appended from now on reaches the stream. */
    private EventStreamClient connect(String token, Long lastEventId) {
        EventStreamClient stream = track(EventStreamClient.open(port, "/api/events", token, lastEventId));
        assertThat(stream.status()).isEqualTo(200);
        await().until(stream::connected);
        return stream;
    }

    private EventStreamClient track(EventStreamClient stream) {
        streams.add(stream);
        return stream;
    }

    private UUID startSession(String activity) {
        UUID started = UUID.randomUUID();
        append("Session", started, new SessionStarted(started, UUID.randomUUID(), activity, room, "Atelier " + room,
                12, 10, null, Set.of(leader), ONE));
        return started;
    }

    private StudentCheckedIn checkedIn(UUID student, UUID inSession, VisitCause cause, UUID fromSession) {
        return new StudentCheckedIn(inSession, student, UUID.randomUUID(), room, ONE, cause, fromSession);
    }
}
