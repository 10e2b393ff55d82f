package phoenix.command.people;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import phoenix.api.ErrorCode;
import phoenix.api.people.ChangeStaffDetails;
import phoenix.api.people.PersonKind;
import phoenix.api.people.RegisterStaff;
import phoenix.api.people.StaffDetailsChanged;
import phoenix.api.people.StaffRegistered;
import phoenix.api.people.StudentRegistered;
import phoenix.api.tags.TagAssigned;
import phoenix.api.tags.TagRemoved;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static phoenix.command.people.StudentTest.refusedWith;

class StaffTest {

    private static final String TAG = "04A1B2C3";
    private static final String OTHER_TAG = "0A0B0C0D";

    private final UUID staffId = UUID.randomUUID();
    private final StaffRegistered petra =
            new StaffRegistered(staffId, "Petra", "Klein", "petra.klein@schule.example", "Erzieherin", false);

    private AggregateTestFixture<Staff> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Staff.class);
    }

    // registering

    @Test
    void registeringAStaffMemberTrimsEverything() {
        fixture.givenNoPriorActivity()
                .when(new RegisterStaff(staffId, " Petra ", "Klein ", " petra.klein@schule.example ",
                        " Erzieherin", false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(petra);
    }

    @Test
    void blankEmailAndPositionAreRecordedAsNothing() {
        fixture.givenNoPriorActivity()
                .when(new RegisterStaff(staffId, "Petra", "Klein", "  ", "", true))
                .expectEvents(new StaffRegistered(staffId, "Petra", "Klein", null, null, true));
    }

    @Test
    void registeringAStaffMemberWithoutALastNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterStaff(staffId, "Petra", null, null, null, false))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void registeringAStaffMemberWithABlankFirstNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterStaff(staffId, " ", "Klein", null, null, false))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    // changing details

    @Test
    void changingAStaffMembersDetailsRecordsTheNewDetails() {
        fixture.given(petra)
                .when(new ChangeStaffDetails(staffId, "Petra", "Klein-Berg", "pk@schule.example", "Leitung", false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new StaffDetailsChanged(staffId, "Petra", "Klein-Berg", "pk@schule.example",
                        "Leitung", false));
    }

    @Test
    void makingAStaffMemberATeacherIsAChange() {
        fixture.given(petra)
                .when(new ChangeStaffDetails(staffId, "Petra", "Klein", "petra.klein@schule.example", "Erzieherin",
                        true))
                .expectEvents(new StaffDetailsChanged(staffId, "Petra", "Klein", "petra.klein@schule.example",
                        "Erzieherin", true))
                .expectState(staff -> assertThat(staff.isTeacher()).isTrue());
    }

    @Test
    void aTeacherCanStopBeingOne() {
        fixture.given(petra, new StaffDetailsChanged(staffId, "Petra", "Klein", "petra.klein@schule.example",
                        "Erzieherin", true))
                .when(new ChangeStaffDetails(staffId, "Petra", "Klein", "petra.klein@schule.example", "Erzieherin",
                        false))
                .expectEvents(new StaffDetailsChanged(staffId, "Petra", "Klein", "petra.klein@schule.example",
                        "Erzieherin", false))
                .expectState(staff -> assertThat(staff.isTeacher()).isFalse());
    }

    @Test
    void changingToTheSameDetailsAddsNoEvent() {
        fixture.given(petra)
                .when(new ChangeStaffDetails(staffId, "Petra ", " Klein", "petra.klein@schule.example ",
                        "Erzieherin", false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changingAStaffMembersNameToNothingIsRefused() {
        fixture.given(petra)
                .when(new ChangeStaffDetails(staffId, "Petra", "", null, null, false))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void changingAStaffMemberWhoWasNeverRegisteredIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ChangeStaffDetails(staffId, "Petra", "Klein", null, null, false))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    /** A student's events do not make a staff member (see RoomTest.aStudentsIdIsNoRoom). */
    @Test
    void aStudentsIdIsNoStaffMember() {
        fixture.given(new StudentRegistered(staffId, "Anna", "Schmidt", "2a", null))
                .when(new ChangeStaffDetails(staffId, "Petra", "Klein", null, null, true))
                .expectException(IncompatibleAggregateException.class)
                .expectNoEvents();
    }

    // tags (TagHolder; TagAssignment calls these on the loaded staff member)

    @Test
    void receivingATagAssignsIt() {
        fixture.given(petra)
                .whenInvoking(staffId.toString(), staff -> staff.receiveTag(TAG, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TagAssigned(staffId, PersonKind.STAFF, TAG, null));
    }

    @Test
    void receivingAnotherTagFirstReleasesTheOldOne() {
        fixture.given(petra, new TagAssigned(staffId, PersonKind.STAFF, TAG, null))
                .whenInvoking(staffId.toString(), staff -> staff.receiveTag(OTHER_TAG, null))
                .expectEvents(new TagRemoved(staffId, PersonKind.STAFF, TAG, TagRemoved.Reason.REPLACED),
                        new TagAssigned(staffId, PersonKind.STAFF, OTHER_TAG, null));
    }

    @Test
    void receivingTheTagOneHoldsAddsNoEvent() {
        fixture.given(petra, new TagAssigned(staffId, PersonKind.STAFF, TAG, null))
                .whenInvoking(staffId.toString(), staff -> staff.receiveTag(TAG, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givingUpTheHeldTagRemovesIt() {
        fixture.given(petra, new TagAssigned(staffId, PersonKind.STAFF, TAG, null))
                .whenInvoking(staffId.toString(),
                        staff -> staff.giveUpTag(TAG, TagRemoved.Reason.MOVED_TO_OTHER_PERSON))
                .expectEvents(new TagRemoved(staffId, PersonKind.STAFF, TAG,
                        TagRemoved.Reason.MOVED_TO_OTHER_PERSON));
    }

    @Test
    void givingUpATagWhenHoldingNoneIsRefused() {
        fixture.given(petra)
                .whenInvoking(staffId.toString(), staff -> staff.giveUpTag(null, TagRemoved.Reason.REMOVED))
                .expectException(refusedWith(ErrorCode.TAG_NOT_ASSIGNED))
                .expectNoEvents();
    }
}
