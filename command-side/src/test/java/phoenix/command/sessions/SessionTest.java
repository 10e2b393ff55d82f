package phoenix.command.sessions;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.checkin.StudentCheckedIn;
import phoenix.api.checkin.StudentCheckedOut;
import phoenix.api.checkin.VisitCause;
import phoenix.api.sessions.ClaimSession;
import phoenix.api.sessions.EndSession;
import phoenix.api.sessions.ReplaceSupervisors;
import phoenix.api.sessions.SessionEndReason;
import phoenix.api.sessions.SessionEnded;
import phoenix.api.sessions.SessionStarted;
import phoenix.api.sessions.SupervisorJoined;
import phoenix.api.sessions.SupervisorsReplaced;
import phoenix.command.people.StaffDirectory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class SessionTest {

    private static final Instant STARTED_AT = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant AT = Instant.parse("2026-12-01T13:30:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T14:45:00Z");

    private final UUID sessionId = UUID.randomUUID();
    private final UUID activityId = UUID.randomUUID();
    private final UUID roomId = UUID.randomUUID();
    private final UUID supervisor = UUID.randomUUID();
    private final UUID otherStaff = UUID.randomUUID();
    private final UUID anna = UUID.randomUUID();
    private final UUID ben = UUID.randomUUID();
    private final UUID clara = UUID.randomUUID();
    private final UUID annasVisit = UUID.randomUUID();
    private final UUID bensVisit = UUID.randomUUID();

    private AggregateTestFixture<Session> fixture;
    private StaffDirectory staff;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        staff = mock(StaffDirectory.class);
        fixture.registerInjectableResource(staff);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    // checking in

    @Test
    void aCheckInBelowBothLimitsRecordsTheVisitInTheSessionsRoom() {
        fixture.given(started(2, 3), checkedIn(anna, annasVisit))
                .whenInvoking(id(), session -> session.checkIn(ben, AT, VisitCause.TAPPED, null))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        checkInOf(ben, AT, VisitCause.TAPPED, null), andNoMore())))
                .expectState(session -> assertThat(session.students()).containsExactlyInAnyOrder(anna, ben));
    }

    @Test
    void aCheckInRecordsWhereTheChildCameFrom() {
        UUID otherSession = UUID.randomUUID();

        fixture.given(started(2, 3))
                .whenInvoking(id(), session -> session.checkIn(anna, AT, VisitCause.TRANSFERRED, otherSession))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        checkInOf(anna, AT, VisitCause.TRANSFERRED, otherSession), andNoMore())));
    }

    @Test
    void theRoomsCapacityIsTheFirstLimit() {
        fixture.given(started(2, 3), checkedIn(anna, annasVisit), checkedIn(ben, bensVisit))
                .whenInvoking(id(), session -> session.checkIn(clara, AT, VisitCause.TAPPED, null))
                .expectException(refusedWith(ErrorCode.ROOM_CAPACITY_EXCEEDED,
                        Map.of("roomName", "Turnhalle", "current", 2, "capacity", 2)))
                .expectNoEvents();
    }

    @Test
    void theActivitysMaximumIsTheSecondLimit() {
        fixture.given(started(3, 2), checkedIn(anna, annasVisit), checkedIn(ben, bensVisit))
                .whenInvoking(id(), session -> session.checkIn(clara, AT, VisitCause.TAPPED, null))
                .expectException(refusedWith(ErrorCode.ACTIVITY_CAPACITY_EXCEEDED,
                        Map.of("activityName", "Fußball", "current", 2, "capacity", 2)))
                .expectNoEvents();
    }

    @Test
    void whenRoomAndActivityAreBothFullTheRoomAnswers() {
        fixture.given(started(2, 2), checkedIn(anna, annasVisit), checkedIn(ben, bensVisit))
                .whenInvoking(id(), session -> session.checkIn(clara, AT, VisitCause.TAPPED, null))
                .expectException(refusedWith(ErrorCode.ROOM_CAPACITY_EXCEEDED))
                .expectNoEvents();
    }

    @Test
    void aChildWhoLeftMakesRoomForAnother() {
        fixture.given(started(1, 1), checkedIn(anna, annasVisit),
                        new StudentCheckedOut(sessionId, anna, annasVisit, roomId, AT, VisitCause.TAPPED, null))
                .whenInvoking(id(), session -> session.checkIn(ben, AT, VisitCause.TAPPED, null))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        checkInOf(ben, AT, VisitCause.TAPPED, null), andNoMore())));
    }

    @Test
    void askingForRoomInAFullSessionIsRefusedAndChangesNothing() {
        fixture.given(started(2, 3), checkedIn(anna, annasVisit), checkedIn(ben, bensVisit))
                .whenInvoking(id(), Session::requireRoomForOneMore)
                .expectException(refusedWith(ErrorCode.ROOM_CAPACITY_EXCEEDED))
                .expectNoEvents();
    }

    @Test
    void askingForRoomInASessionWithSpaceChangesNothing() {
        fixture.given(started(2, 3), checkedIn(anna, annasVisit))
                .whenInvoking(id(), Session::requireRoomForOneMore)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCheckInOfAReplacedSessionsChildIgnoresTheLimits() {
        UUID replaced = UUID.randomUUID();

        fixture.given(started(2, 2), checkedIn(anna, annasVisit), checkedIn(ben, bensVisit))
                .whenInvoking(id(), session -> session.checkIn(clara, AT, VisitCause.SESSION_REPLACED, replaced))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        checkInOf(clara, AT, VisitCause.SESSION_REPLACED, replaced), andNoMore())))
                .expectState(session -> assertThat(session.activeStudents()).isEqualTo(3));
    }

    @Test
    void aCheckInToAnEndedSessionIsRefused() {
        fixture.given(started(2, 3), ended(SessionEndReason.ENDED))
                .whenInvoking(id(), session -> session.checkIn(anna, AT, VisitCause.TAPPED, null))
                .expectException(refusedWith(ErrorCode.SESSION_ENDED))
                .expectNoEvents();
    }

    // checking out

    @Test
    void aCheckOutOfAChildInTheSessionEndsItsVisitWithTheCause() {
        UUID toSession = UUID.randomUUID();

        fixture.given(started(2, 3), checkedIn(anna, annasVisit), checkedIn(ben, bensVisit))
                .whenInvoking(id(), session -> session.checkOut(anna, AT, VisitCause.TRANSFERRED, toSession))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new StudentCheckedOut(sessionId, anna, annasVisit, roomId, AT, VisitCause.TRANSFERRED,
                        toSession))
                .expectState(session -> assertThat(session.students()).containsExactly(ben));
    }

    @Test
    void aCheckOutOfAChildNotInTheSessionRecordsNothing() {
        fixture.given(started(2, 3), checkedIn(anna, annasVisit))
                .whenInvoking(id(), session -> session.checkOut(ben, AT, VisitCause.TAPPED, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCheckOutOfAChildThatAlreadyLeftRecordsNothing() {
        fixture.given(started(2, 3), checkedIn(anna, annasVisit),
                        new StudentCheckedOut(sessionId, anna, annasVisit, roomId, AT, VisitCause.TAPPED, null))
                .whenInvoking(id(), session -> session.checkOut(anna, NOW, VisitCause.TAPPED, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ending

    @Test
    void endingASessionChecksEveryOpenVisitOutAndThenEndsIt() {
        StudentCheckedOut annaOut =
                new StudentCheckedOut(sessionId, anna, annasVisit, roomId, AT, VisitCause.SESSION_ENDED, null);
        StudentCheckedOut benOut =
                new StudentCheckedOut(sessionId, ben, bensVisit, roomId, AT, VisitCause.SESSION_ENDED, null);

        fixture.given(started(5, 5), checkedIn(anna, annasVisit), checkedIn(ben, bensVisit))
                .whenInvoking(id(), session -> session.end(SessionEndReason.TIMEOUT, AT, null, false))
                .expectSuccessfulHandlerExecution()
                // the visits end in the order they began, then the session
                .expectEvents(annaOut, benOut, new SessionEnded(sessionId, SessionEndReason.TIMEOUT, AT, null))
                .expectState(session -> {
                    assertThat(session.isRunning()).isFalse();
                    assertThat(session.students()).isEmpty();
                });
    }

    @Test
    void endingASessionThatEndedMeanwhileRecordsNothing() {
        fixture.given(started(2, 3), ended(SessionEndReason.ENDED))
                .whenInvoking(id(), session -> session.end(SessionEndReason.REPLACED, NOW, UUID.randomUUID(), false))
                .expectNoEvents();
    }

    @Test
    void aChildAlreadyInTheSessionIsNotCheckedInTwice() {
        fixture.given(started(5, 5), checkedIn(anna, annasVisit))
                .whenInvoking(id(), session -> session.checkIn(anna, NOW, VisitCause.BY_STAFF, null))
                .expectException(refusedWith(ErrorCode.ALREADY_PRESENT))
                .expectNoEvents();
    }

    @Test
    void endingAnEmptySessionOnlyEndsIt() {
        fixture.given(started(2, 3))
                .whenInvoking(id(), session -> session.end(SessionEndReason.END_OF_DAY, AT, null, false))
                .expectEvents(new SessionEnded(sessionId, SessionEndReason.END_OF_DAY, AT, null));
    }

    @Test
    void endingASessionForAReplacementInTheSameRoomMovesTheVisits() {
        UUID replacement = UUID.randomUUID();

        fixture.given(started(2, 3), checkedIn(anna, annasVisit))
                .whenInvoking(id(), session -> session.end(SessionEndReason.REPLACED, AT, replacement, true))
                .expectEvents(
                        new StudentCheckedOut(sessionId, anna, annasVisit, roomId, AT, VisitCause.SESSION_REPLACED,
                                replacement),
                        new SessionEnded(sessionId, SessionEndReason.REPLACED, AT, replacement));
    }

    @Test
    void endingASessionForAReplacementElsewhereSendsTheChildrenIntoTransit() {
        UUID replacement = UUID.randomUUID();

        fixture.given(started(2, 3), checkedIn(anna, annasVisit))
                .whenInvoking(id(), session -> session.end(SessionEndReason.REPLACED, AT, replacement, false))
                .expectEvents(
                        new StudentCheckedOut(sessionId, anna, annasVisit, roomId, AT, VisitCause.SESSION_ENDED, null),
                        new SessionEnded(sessionId, SessionEndReason.REPLACED, AT, replacement));
    }

    @Test
    void endSessionEndsItAtTheGivenTime() {
        fixture.given(started(2, 3), checkedIn(anna, annasVisit))
                .when(new EndSession(sessionId, SessionEndReason.ENDED, AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new StudentCheckedOut(sessionId, anna, annasVisit, roomId, AT, VisitCause.SESSION_ENDED, null),
                        new SessionEnded(sessionId, SessionEndReason.ENDED, AT, null));
    }

    @Test
    void endSessionWithoutATimeEndsItAtTheClocksInstant() {
        fixture.given(started(2, 3), checkedIn(anna, annasVisit))
                .when(new EndSession(sessionId, SessionEndReason.ENDED, null))
                .expectEvents(
                        new StudentCheckedOut(sessionId, anna, annasVisit, roomId, NOW, VisitCause.SESSION_ENDED,
                                null),
                        new SessionEnded(sessionId, SessionEndReason.ENDED, NOW, null));
    }

    @Test
    void endingAnEndedSessionIsRefused() {
        fixture.given(started(2, 3), ended(SessionEndReason.ENDED))
                .when(new EndSession(sessionId, SessionEndReason.TIMEOUT, NOW))
                .expectException(refusedWith(ErrorCode.SESSION_ENDED))
                .expectNoEvents();
    }

    // supervisors

    @Test
    void aStaffTapMakesTheStaffMemberASupervisor() {
        fixture.given(started(2, 3))
                .whenInvoking(id(), session -> session.supervisorTapped(otherStaff))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SupervisorJoined(sessionId, otherStaff, SupervisorJoined.How.TAPPED))
                .expectState(session -> assertThat(session.supervisors())
                        .containsExactlyInAnyOrder(supervisor, otherStaff));
    }

    @Test
    void aSecondTapOfTheSameStaffMemberRecordsNothing() {
        fixture.given(started(2, 3), new SupervisorJoined(sessionId, otherStaff, SupervisorJoined.How.TAPPED))
                .whenInvoking(id(), session -> session.supervisorTapped(otherStaff))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aTapOfASupervisorFromTheStartRecordsNothing() {
        fixture.given(started(2, 3))
                .whenInvoking(id(), session -> session.supervisorTapped(supervisor))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aStaffTapOnAnEndedSessionIsRefused() {
        fixture.given(started(2, 3), ended(SessionEndReason.ENDED))
                .whenInvoking(id(), session -> session.supervisorTapped(otherStaff))
                .expectException(refusedWith(ErrorCode.SESSION_ENDED))
                .expectNoEvents();
    }

    @Test
    void claimingASessionWithoutSupervisorsMakesTheClaimerItsSupervisor() {
        fixture.given(schoolyard())
                .when(new ClaimSession(sessionId, otherStaff))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SupervisorJoined(sessionId, otherStaff, SupervisorJoined.How.CLAIMED));
    }

    @Test
    void claimingASupervisedSessionIsRefused() {
        fixture.given(started(2, 3))
                .when(new ClaimSession(sessionId, otherStaff))
                .expectException(refusedWith(ErrorCode.SESSION_SUPERVISED))
                .expectNoEvents();
    }

    @Test
    void claimingAClaimedSessionIsRefused() {
        fixture.given(schoolyard(), new SupervisorJoined(sessionId, supervisor, SupervisorJoined.How.CLAIMED))
                .when(new ClaimSession(sessionId, otherStaff))
                .expectException(refusedWith(ErrorCode.SESSION_SUPERVISED))
                .expectNoEvents();
    }

    @Test
    void anEndedSessionHasNoSupervisors() {
        fixture.given(started(2, 3), new SupervisorJoined(sessionId, otherStaff, SupervisorJoined.How.TAPPED),
                        ended(SessionEndReason.ENDED))
                .whenInvoking(id(), session -> {
                    // only loaded
                })
                .expectNoEvents()
                .expectState(session -> {
                    assertThat(session.supervisors()).isEmpty();
                    assertThat(session.isSupervisedBy(supervisor)).isFalse();
                });
    }

    @Test
    void claimingAnEndedSessionIsRefused() {
        fixture.given(started(2, 3), ended(SessionEndReason.ENDED))
                .when(new ClaimSession(sessionId, otherStaff))
                .expectException(refusedWith(ErrorCode.SESSION_ENDED))
                .expectNoEvents();
    }

    @Test
    void replacingTheSupervisorsWithNobodyIsRefused() {
        fixture.given(started(2, 3))
                .when(new ReplaceSupervisors(sessionId, Set.of()))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void replacingTheSupervisorsWithAnUnknownStaffMemberIsRefused() {
        UUID unknown = UUID.randomUUID();
        doThrow(new PhoenixException(ErrorCode.STAFF_NOT_FOUND, "There is no such staff."))
                .when(staff).requireStaff(unknown);

        fixture.given(started(2, 3))
                .when(new ReplaceSupervisors(sessionId, Set.of(otherStaff, unknown)))
                .expectException(refusedWith(ErrorCode.STAFF_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void replacingTheSupervisorsWithTheSameSetRecordsNothing() {
        fixture.given(started(2, 3), new SupervisorJoined(sessionId, otherStaff, SupervisorJoined.How.TAPPED))
                .when(new ReplaceSupervisors(sessionId, Set.of(otherStaff, supervisor)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void replacingTheSupervisorsWithANewSetRecordsIt() {
        UUID third = UUID.randomUUID();

        fixture.given(started(2, 3))
                .when(new ReplaceSupervisors(sessionId, Set.of(otherStaff, third)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SupervisorsReplaced(sessionId, Set.of(otherStaff, third)))
                .expectState(session -> {
                    assertThat(session.supervisors()).containsExactlyInAnyOrder(otherStaff, third);
                    assertThat(session.isSupervisedBy(supervisor)).isFalse();
                });

        verify(staff).requireStaff(otherStaff);
        verify(staff).requireStaff(third);
    }

    @Test
    void replacingTheSupervisorsOfAnEndedSessionIsRefused() {
        fixture.given(started(2, 3), ended(SessionEndReason.ENDED))
                .when(new ReplaceSupervisors(sessionId, Set.of(otherStaff)))
                .expectException(refusedWith(ErrorCode.SESSION_ENDED))
                .expectNoEvents();
    }

    // givens and matchers

    private String id() {
        return sessionId.toString();
    }

    private SessionStarted started(int roomCapacity, int maxParticipants) {
        return new SessionStarted(sessionId, activityId, "Fußball", roomId, "Turnhalle", roomCapacity,
                maxParticipants, "RFID-GYM-001", Set.of(supervisor), STARTED_AT);
    }

    /** The schoolyard's session: no activity, no reader, nobody supervising it. */
    private SessionStarted schoolyard() {
        return new SessionStarted(sessionId, null, "Schulhof", roomId, "Schulhof", 100, 100, null, Set.of(),
                STARTED_AT);
    }

    private StudentCheckedIn checkedIn(UUID studentId, UUID visitId) {
        return new StudentCheckedIn(sessionId, studentId, visitId, roomId, STARTED_AT, VisitCause.TAPPED, null);
    }

    private SessionEnded ended(SessionEndReason reason) {
        return new SessionEnded(sessionId, reason, AT, null);
    }

    /** A StudentCheckedIn into this session's room, with any (but some) new visit id. */
    private Matcher<Object> checkInOf(UUID studentId, Instant at, VisitCause cause, UUID fromSessionId) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object payload) {
                return payload instanceof StudentCheckedIn event
                        && event.sessionId().equals(sessionId)
                        && event.studentId().equals(studentId)
                        && event.visitId() != null
                        && event.roomId().equals(roomId)
                        && event.checkedInAt().equals(at)
                        && event.cause() == cause
                        && Objects.equals(event.fromSessionId(), fromSessionId);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a StudentCheckedIn of ").appendValue(studentId)
                        .appendText(" into session ").appendValue(sessionId)
                        .appendText(" and room ").appendValue(roomId)
                        .appendText(" at ").appendValue(at)
                        .appendText(" by ").appendValue(cause)
                        .appendText(" from ").appendValue(fromSessionId)
                        .appendText(" with a new visit id");
            }
        };
    }

    private static Matcher<PhoenixException> refusedWith(ErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a PhoenixException with code", "code") {
            @Override
            protected ErrorCode featureValueOf(PhoenixException refusal) {
                return refusal.code();
            }
        };
    }

    private static Matcher<PhoenixException> refusedWith(ErrorCode code, Map<String, Object> details) {
        return allOf(refusedWith(code),
                new FeatureMatcher<PhoenixException, Map<String, Object>>(equalTo(details), "with details",
                        "details") {
                    @Override
                    protected Map<String, Object> featureValueOf(PhoenixException refusal) {
                        return refusal.details();
                    }
                });
    }
}
