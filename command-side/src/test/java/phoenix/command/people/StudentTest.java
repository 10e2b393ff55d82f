package phoenix.command.people;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.people.ChangeStudentDetails;
import phoenix.api.people.MarkStudentSick;
import phoenix.api.people.MarkStudentWell;
import phoenix.api.people.PersonKind;
import phoenix.api.people.RegisterStudent;
import phoenix.api.people.StaffRegistered;
import phoenix.api.people.StudentDetailsChanged;
import phoenix.api.people.StudentMarkedSick;
import phoenix.api.people.StudentMarkedWell;
import phoenix.api.people.StudentRegistered;
import phoenix.api.tags.TagAssigned;
import phoenix.api.tags.TagRemoved;

import java.time.LocalDate;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;

class StudentTest {

    private static final String TAG = "04A1B2C3";
    private static final String OTHER_TAG = "0A0B0C0D";

    private final UUID studentId = UUID.randomUUID();
    private final LocalDate birthday = LocalDate.of(2017, 3, 1);
    private final StudentRegistered anna = new StudentRegistered(studentId, "Anna", "Schmidt", "2a", birthday);

    private AggregateTestFixture<Student> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Student.class);
    }

    // registering

    @Test
    void registeringAStudentTrimsTheNamesAndTurnsABlankSchoolClassIntoNothing() {
        fixture.givenNoPriorActivity()
                .when(new RegisterStudent(studentId, "  Anna ", " Schmidt", "  ", birthday))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new StudentRegistered(studentId, "Anna", "Schmidt", null, birthday));
    }

    @Test
    void registeringAStudentTrimsTheSchoolClass() {
        fixture.givenNoPriorActivity()
                .when(new RegisterStudent(studentId, "Anna", "Schmidt", " 2a ", birthday))
                .expectEvents(anna);
    }

    @Test
    void aStudentWithoutBirthdayOrSchoolClassMayBeRegistered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterStudent(studentId, "Anna", "Schmidt", null, null))
                .expectEvents(new StudentRegistered(studentId, "Anna", "Schmidt", null, null));
    }

    @Test
    void registeringAStudentWithoutAFirstNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterStudent(studentId, null, "Schmidt", "2a", birthday))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void registeringAStudentWithABlankLastNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterStudent(studentId, "Anna", "   ", "2a", birthday))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    // changing details

    @Test
    void changingAStudentsDetailsRecordsTheNewDetails() {
        fixture.given(anna)
                .when(new ChangeStudentDetails(studentId, "Anna", "Müller", " 3a ", birthday))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new StudentDetailsChanged(studentId, "Anna", "Müller", "3a", birthday));
    }

    @Test
    void removingTheSchoolClassIsAChange() {
        fixture.given(anna)
                .when(new ChangeStudentDetails(studentId, "Anna", "Schmidt", " ", birthday))
                .expectEvents(new StudentDetailsChanged(studentId, "Anna", "Schmidt", null, birthday));
    }

    @Test
    void changingToTheSameDetailsAddsNoEvent() {
        fixture.given(anna)
                .when(new ChangeStudentDetails(studentId, " Anna", "Schmidt ", "2a", birthday))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changingToTheDetailsLastRecordedAddsNoEvent() {
        fixture.given(anna, new StudentDetailsChanged(studentId, "Anna", "Müller", "3a", birthday))
                .when(new ChangeStudentDetails(studentId, "Anna", "Müller", "3a", birthday))
                .expectNoEvents();
    }

    @Test
    void changingAStudentsNameToNothingIsRefused() {
        fixture.given(anna)
                .when(new ChangeStudentDetails(studentId, "", "Schmidt", "2a", birthday))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void changingAStudentThatWasNeverRegisteredIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ChangeStudentDetails(studentId, "Anna", "Schmidt", "2a", birthday))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    /** A staff member's events do not make a student (see RoomTest.aStudentsIdIsNoRoom). */
    @Test
    void aStaffMembersIdIsNoStudent() {
        fixture.given(new StaffRegistered(studentId, "Petra", "Klein", null, null, true))
                .when(new MarkStudentSick(studentId))
                .expectException(IncompatibleAggregateException.class)
                .expectNoEvents();
    }

    // sickness

    @Test
    void markingAStudentSickRecordsIt() {
        fixture.given(anna)
                .when(new MarkStudentSick(studentId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new StudentMarkedSick(studentId));
    }

    @Test
    void markingASickStudentSickAgainAddsNoEvent() {
        fixture.given(anna, new StudentMarkedSick(studentId))
                .when(new MarkStudentSick(studentId))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void markingASickStudentWellRecordsIt() {
        fixture.given(anna, new StudentMarkedSick(studentId))
                .when(new MarkStudentWell(studentId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new StudentMarkedWell(studentId));
    }

    @Test
    void markingAStudentWellWhoIsNotSickAddsNoEvent() {
        fixture.given(anna)
                .when(new MarkStudentWell(studentId))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void markingAStudentWellTwiceAddsOneEvent() {
        fixture.given(anna, new StudentMarkedSick(studentId), new StudentMarkedWell(studentId))
                .when(new MarkStudentWell(studentId))
                .expectNoEvents();
    }

    @Test
    void aStudentWhoGotWellCanFallSickAgain() {
        fixture.given(anna, new StudentMarkedSick(studentId), new StudentMarkedWell(studentId))
                .when(new MarkStudentSick(studentId))
                .expectEvents(new StudentMarkedSick(studentId));
    }

    // tags (TagHolder; TagAssignment calls these on the loaded student)

    @Test
    void receivingATagAssignsIt() {
        fixture.given(anna)
                .whenInvoking(studentId.toString(), student -> student.receiveTag(TAG, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TagAssigned(studentId, PersonKind.STUDENT, TAG, null));
    }

    @Test
    void receivingATagTakenFromSomeoneElseNamesThem() {
        UUID previousHolder = UUID.randomUUID();

        fixture.given(anna)
                .whenInvoking(studentId.toString(), student -> student.receiveTag(TAG, previousHolder))
                .expectEvents(new TagAssigned(studentId, PersonKind.STUDENT, TAG, previousHolder));
    }

    @Test
    void receivingAnotherTagFirstReleasesTheOldOne() {
        fixture.given(anna, new TagAssigned(studentId, PersonKind.STUDENT, TAG, null))
                .whenInvoking(studentId.toString(), student -> student.receiveTag(OTHER_TAG, null))
                .expectEvents(new TagRemoved(studentId, PersonKind.STUDENT, TAG, TagRemoved.Reason.REPLACED),
                        new TagAssigned(studentId, PersonKind.STUDENT, OTHER_TAG, null));
    }

    @Test
    void receivingTheTagOneHoldsAddsNoEvent() {
        fixture.given(anna, new TagAssigned(studentId, PersonKind.STUDENT, TAG, null))
                .whenInvoking(studentId.toString(), student -> student.receiveTag(TAG, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aTagGivenUpCanBeReceivedAgain() {
        fixture.given(anna, new TagAssigned(studentId, PersonKind.STUDENT, TAG, null),
                        new TagRemoved(studentId, PersonKind.STUDENT, TAG, TagRemoved.Reason.REMOVED))
                .whenInvoking(studentId.toString(), student -> student.receiveTag(TAG, null))
                .expectEvents(new TagAssigned(studentId, PersonKind.STUDENT, TAG, null));
    }

    @Test
    void givingUpTheHeldTagRemovesIt() {
        fixture.given(anna, new TagAssigned(studentId, PersonKind.STUDENT, TAG, null))
                .whenInvoking(studentId.toString(), student -> student.giveUpTag(TAG, TagRemoved.Reason.REMOVED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TagRemoved(studentId, PersonKind.STUDENT, TAG, TagRemoved.Reason.REMOVED));
    }

    @Test
    void givingUpWhicheverTagIsHeldRemovesIt() {
        fixture.given(anna, new TagAssigned(studentId, PersonKind.STUDENT, TAG, null))
                .whenInvoking(studentId.toString(), student -> student.giveUpTag(null, TagRemoved.Reason.REMOVED))
                .expectEvents(new TagRemoved(studentId, PersonKind.STUDENT, TAG, TagRemoved.Reason.REMOVED));
    }

    @Test
    void givingUpATagWhenHoldingNoneIsRefused() {
        fixture.given(anna)
                .whenInvoking(studentId.toString(), student -> student.giveUpTag(TAG, TagRemoved.Reason.REMOVED))
                .expectException(refusedWith(ErrorCode.TAG_NOT_ASSIGNED))
                .expectNoEvents();
    }

    @Test
    void givingUpAnotherTagThanTheHeldOneIsRefused() {
        fixture.given(anna, new TagAssigned(studentId, PersonKind.STUDENT, TAG, null))
                .whenInvoking(studentId.toString(),
                        student -> student.giveUpTag(OTHER_TAG, TagRemoved.Reason.REMOVED))
                .expectException(refusedWith(ErrorCode.TAG_NOT_ASSIGNED))
                .expectNoEvents();
    }

    @Test
    void aTagMovedToAnotherPersonIsNoLongerHeld() {
        fixture.given(anna, new TagAssigned(studentId, PersonKind.STUDENT, TAG, null),
                        new TagRemoved(studentId, PersonKind.STUDENT, TAG, TagRemoved.Reason.MOVED_TO_OTHER_PERSON))
                .whenInvoking(studentId.toString(), student -> student.giveUpTag(null, TagRemoved.Reason.REMOVED))
                .expectException(refusedWith(ErrorCode.TAG_NOT_ASSIGNED))
                .expectNoEvents();
    }

    static Matcher<PhoenixException> refusedWith(ErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a PhoenixException with code", "code") {
            @Override
            protected ErrorCode featureValueOf(PhoenixException refusal) {
                return refusal.code();
            }
        };
    }
}
