package phoenix.command.checkin;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import phoenix.api.checkin.AttendanceClosed;
import phoenix.api.checkin.AttendanceOpened;
import phoenix.api.checkin.CloseAttendance;
import phoenix.api.checkin.DailyCheckoutOffered;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StudentDayTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    private static final Instant MORNING = Instant.parse("2026-12-01T11:30:00Z");
    private static final Instant AFTERNOON = Instant.parse("2026-12-01T14:10:00Z");
    private static final Instant EVENING = Instant.parse("2026-12-01T16:20:00Z");

    private final UUID studentId = UUID.randomUUID();
    private final UUID homeRoom = UUID.randomUUID();

    private AggregateTestFixture<StudentDay> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StudentDay.class);
    }

    // arriving

    /** As the tap and the staff check-in create the day: a new day without events, then the arrival. */
    @Test
    void theFirstArrivalOfTheDayOpensAttendance() {
        fixture.givenNoPriorActivity()
                .whenConstructing(() -> {
                    StudentDay day = new StudentDay(studentId, DAY);
                    day.arrive(MORNING);
                    return day;
                })
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AttendanceOpened(studentId, DAY, MORNING, false))
                .expectState(day -> {
                    assertThat(day.isOpen()).isTrue();
                    assertThat(day.wasEverOpened()).isTrue();
                });
    }

    @Test
    void theDayIsKnownByStudentAndDate() {
        assertThat(StudentDay.id(studentId, DAY)).isEqualTo(studentId + "/2026-12-01");
        assertThat(StudentDay.id(studentId, DAY)).isEqualTo(new CloseAttendance(studentId, DAY).studentDayId());
    }

    @Test
    void arrivingAgainWhileAttendanceIsOpenRecordsNothing() {
        fixture.given(opened(MORNING, false))
                .whenInvoking(id(), day -> day.arrive(AFTERNOON))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void arrivingAfterGoingHomeReopensAttendance() {
        fixture.given(opened(MORNING, false), closed(AFTERNOON, AttendanceClosed.Reason.WENT_HOME))
                .whenInvoking(id(), day -> day.arrive(EVENING))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AttendanceOpened(studentId, DAY, EVENING, true))
                .expectState(day -> assertThat(day.isOpen()).isTrue());
    }

    @Test
    void arrivingAfterStaffCheckedTheChildOutReopensAttendance() {
        fixture.given(opened(MORNING, false), closed(AFTERNOON, AttendanceClosed.Reason.CHECKED_OUT_BY_STAFF))
                .whenInvoking(id(), day -> day.arrive(EVENING))
                .expectEvents(new AttendanceOpened(studentId, DAY, EVENING, true));
    }

    // closing

    @Test
    void closingOpenAttendanceRecordsTheReason() {
        fixture.given(opened(MORNING, false))
                .whenInvoking(id(), day -> day.close(AFTERNOON, AttendanceClosed.Reason.WENT_HOME))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AttendanceClosed(studentId, DAY, AFTERNOON, AttendanceClosed.Reason.WENT_HOME))
                .expectState(day -> {
                    assertThat(day.isOpen()).isFalse();
                    assertThat(day.wasEverOpened()).isTrue();
                });
    }

    @Test
    void closingClosedAttendanceRecordsNothing() {
        fixture.given(opened(MORNING, false), closed(AFTERNOON, AttendanceClosed.Reason.WENT_HOME))
                .whenInvoking(id(), day -> day.close(EVENING, AttendanceClosed.Reason.CHECKED_OUT_BY_STAFF))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void closeAttendanceClosesAnOpenDayAsOfTheFollowingMidnightInBerlin() {
        // 2026-12-02T00:00 in Berlin (CET, UTC+1)
        fixture.given(opened(MORNING, false))
                .when(new CloseAttendance(studentId, DAY))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AttendanceClosed(studentId, DAY, Instant.parse("2026-12-01T23:00:00Z"),
                        AttendanceClosed.Reason.AUTO));
    }

    @Test
    void closeAttendanceOnASummerDayClosesAsOfMidnightInSummerTime() {
        LocalDate summerDay = LocalDate.of(2026, 7, 1);

        // 2026-07-02T00:00 in Berlin (CEST, UTC+2)
        fixture.given(new AttendanceOpened(studentId, summerDay, Instant.parse("2026-07-01T11:00:00Z"), false))
                .when(new CloseAttendance(studentId, summerDay))
                .expectEvents(new AttendanceClosed(studentId, summerDay, Instant.parse("2026-07-01T22:00:00Z"),
                        AttendanceClosed.Reason.AUTO));
    }

    @Test
    void closeAttendanceOnAReopenedDayClosesIt() {
        fixture.given(opened(MORNING, false), closed(AFTERNOON, AttendanceClosed.Reason.WENT_HOME),
                        opened(EVENING, true))
                .when(new CloseAttendance(studentId, DAY))
                .expectEvents(new AttendanceClosed(studentId, DAY, Instant.parse("2026-12-01T23:00:00Z"),
                        AttendanceClosed.Reason.AUTO));
    }

    @Test
    void closeAttendanceOnAClosedDayDoesNothing() {
        fixture.given(opened(MORNING, false), closed(AFTERNOON, AttendanceClosed.Reason.WENT_HOME))
                .when(new CloseAttendance(studentId, DAY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // daily checkout

    @Test
    void offeringTheDailyCheckoutRecordsTheOfferAndLeavesAttendanceOpen() {
        fixture.given(opened(MORNING, false))
                .whenInvoking(id(), day -> day.offerDailyCheckout(homeRoom, AFTERNOON))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DailyCheckoutOffered(studentId, DAY, homeRoom, AFTERNOON))
                .expectState(day -> assertThat(day.isOpen()).isTrue());
    }

    /** The child answered "in transit" (or nothing): coming back is no new arrival. */
    @Test
    void arrivingAfterADailyCheckoutOfferWithoutGoingHomeRecordsNothing() {
        fixture.given(opened(MORNING, false), new DailyCheckoutOffered(studentId, DAY, homeRoom, AFTERNOON))
                .whenInvoking(id(), day -> day.arrive(EVENING))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void goingHomeAfterADailyCheckoutOfferClosesAttendance() {
        fixture.given(opened(MORNING, false), new DailyCheckoutOffered(studentId, DAY, homeRoom, AFTERNOON))
                .whenInvoking(id(), day -> day.close(AFTERNOON, AttendanceClosed.Reason.WENT_HOME))
                .expectEvents(new AttendanceClosed(studentId, DAY, AFTERNOON, AttendanceClosed.Reason.WENT_HOME));
    }

    // givens

    private String id() {
        return StudentDay.id(studentId, DAY);
    }

    private AttendanceOpened opened(Instant at, boolean reopened) {
        return new AttendanceOpened(studentId, DAY, at, reopened);
    }

    private AttendanceClosed closed(Instant at, AttendanceClosed.Reason reason) {
        return new AttendanceClosed(studentId, DAY, at, reason);
    }
}
