package phoenix.command.people;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.groups.AssignStudentToGroup;
import phoenix.api.groups.RemoveStudentFromGroup;
import phoenix.api.groups.StudentAssignedToGroup;
import phoenix.api.groups.StudentRemovedFromGroup;
import phoenix.api.people.StudentRegistered;
import phoenix.command.groups.GroupNames;

import java.time.LocalDate;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static phoenix.api.groups.StudentRemovedFromGroup.Reason.GROUP_DELETED;
import static phoenix.api.groups.StudentRemovedFromGroup.Reason.REMOVED;

/** A child is in at most one group. */
class StudentGroupTest {

    private final UUID studentId = UUID.randomUUID();
    private final UUID sterne = UUID.randomUUID();
    private final UUID sonne = UUID.randomUUID();
    private final UUID gone = UUID.randomUUID();
    private final StudentRegistered anna =
            new StudentRegistered(studentId, "Anna", "Schmidt", "2a", LocalDate.of(2017, 3, 1));

    private AggregateTestFixture<Student> fixture;
    private GroupNames groups;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Student.class);
        groups = mock(GroupNames.class);
        doThrow(new PhoenixException(ErrorCode.GROUP_NOT_FOUND, "There is no such group."))
                .when(groups).requireExisting(gone);
        fixture.registerInjectableResource(groups);
    }

    @Test
    void aStudentInNoGroupJoinsAGroupFromNowhere() {
        fixture.given(anna)
                .when(new AssignStudentToGroup(studentId, sterne))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new StudentAssignedToGroup(studentId, sterne, null));
    }

    @Test
    void movingAStudentToAnotherGroupNamesThePreviousGroup() {
        fixture.given(anna, new StudentAssignedToGroup(studentId, sterne, null))
                .when(new AssignStudentToGroup(studentId, sonne))
                .expectEvents(new StudentAssignedToGroup(studentId, sonne, sterne));
    }

    @Test
    void assigningAStudentToItsOwnGroupAddsNoEvent() {
        fixture.given(anna, new StudentAssignedToGroup(studentId, sterne, null))
                .when(new AssignStudentToGroup(studentId, sterne))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();

        verifyNoInteractions(groups);
    }

    @Test
    void aStudentCannotJoinAGroupThatDoesNotExist() {
        fixture.given(anna)
                .when(new AssignStudentToGroup(studentId, gone))
                .expectException(refusedWith(ErrorCode.GROUP_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aStudentRefusedANewGroupStaysInItsGroup() {
        fixture.given(anna, new StudentAssignedToGroup(studentId, sterne, null))
                .when(new AssignStudentToGroup(studentId, gone))
                .expectException(refusedWith(ErrorCode.GROUP_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aStudentRemovedFromItsGroupJoinsTheNextFromNowhere() {
        fixture.given(anna, new StudentAssignedToGroup(studentId, sterne, null),
                        new StudentRemovedFromGroup(studentId, sterne, REMOVED))
                .when(new AssignStudentToGroup(studentId, sonne))
                .expectEvents(new StudentAssignedToGroup(studentId, sonne, null));
    }

    @Test
    void removingAStudentFromItsGroupNamesTheGroup() {
        fixture.given(anna, new StudentAssignedToGroup(studentId, sterne, null),
                        new StudentAssignedToGroup(studentId, sonne, sterne))
                .when(new RemoveStudentFromGroup(studentId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new StudentRemovedFromGroup(studentId, sonne, REMOVED));
    }

    @Test
    void removingAStudentInNoGroupAddsNoEvent() {
        fixture.given(anna)
                .when(new RemoveStudentFromGroup(studentId))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void removingAStudentTwiceAddsNoSecondEvent() {
        fixture.given(anna, new StudentAssignedToGroup(studentId, sterne, null),
                        new StudentRemovedFromGroup(studentId, sterne, REMOVED))
                .when(new RemoveStudentFromGroup(studentId))
                .expectNoEvents();
    }

    @Test
    void aStudentLeavesItsDeletedGroup() {
        fixture.given(anna, new StudentAssignedToGroup(studentId, sterne, null))
                .whenInvoking(studentId.toString(), student -> student.leaveGroup(sterne, GROUP_DELETED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new StudentRemovedFromGroup(studentId, sterne, GROUP_DELETED));
    }

    @Test
    void aStudentThatMovedOnStaysInItsNewGroupWhenTheOldOneIsDeleted() {
        fixture.given(anna, new StudentAssignedToGroup(studentId, sterne, null),
                        new StudentAssignedToGroup(studentId, sonne, sterne))
                .whenInvoking(studentId.toString(), student -> student.leaveGroup(sterne, GROUP_DELETED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aStudentInNoGroupLeavesNothingWhenAGroupIsDeleted() {
        fixture.given(anna, new StudentAssignedToGroup(studentId, sterne, null),
                        new StudentRemovedFromGroup(studentId, sterne, REMOVED))
                .whenInvoking(studentId.toString(), student -> student.leaveGroup(sterne, GROUP_DELETED))
                .expectNoEvents();
    }

    private static Matcher<PhoenixException> refusedWith(ErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a PhoenixException with code", "code") {
            @Override
            protected ErrorCode featureValueOf(PhoenixException refusal) {
                return refusal.code();
            }
        };
    }
}
