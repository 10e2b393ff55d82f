package phoenix.command.groups;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.groups.GroupCreated;
import phoenix.api.groups.GroupTeachersChanged;
import phoenix.api.substitutions.EndReason;
import phoenix.api.substitutions.GroupHandedOverForToday;
import phoenix.api.substitutions.HandOverGroupForToday;
import phoenix.api.substitutions.RevokeHandOver;
import phoenix.api.substitutions.SubstitutionEnded;
import phoenix.api.substitutions.SubstitutionPlanned;
import phoenix.command.people.StaffDirectory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static phoenix.command.groups.OgsGroupTest.NOW;
import static phoenix.command.groups.OgsGroupTest.TODAY;
import static phoenix.command.groups.OgsGroupTest.TOMORROW;
import static phoenix.command.groups.OgsGroupTest.YESTERDAY;
import static phoenix.command.groups.OgsGroupTest.refusedWith;

/** Same-day transfers: a leader hands the group over until tonight (Berlin), and may take it back. */
class HandOverTest {

    private final UUID groupId = UUID.randomUUID();
    /** Anna and Ben lead the group. */
    private final UUID anna = UUID.randomUUID();
    private final UUID ben = UUID.randomUUID();
    private final UUID carl = UUID.randomUUID();
    private final UUID dora = UUID.randomUUID();
    private final UUID unknownStaff = UUID.randomUUID();
    private final UUID transferId = UUID.randomUUID();
    private final UUID otherId = UUID.randomUUID();
    private final GroupCreated sterne = new GroupCreated(groupId, "Sternengruppe", UUID.randomUUID(),
            Set.of(anna, ben));

    private AggregateTestFixture<OgsGroup> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureAt(NOW);
    }

    private AggregateTestFixture<OgsGroup> fixtureAt(Instant now) {
        AggregateTestFixture<OgsGroup> at = new AggregateTestFixture<>(OgsGroup.class);
        StaffDirectory staff = mock(StaffDirectory.class);
        doThrow(new PhoenixException(ErrorCode.STAFF_NOT_FOUND, "There is no such staff member."))
                .when(staff).requireStaff(unknownStaff);
        at.registerInjectableResource(staff);
        at.registerInjectableResource(Clock.fixed(now, ZoneOffset.UTC));
        return at;
    }

    private TestExecutor<OgsGroup> givenGroup(Object... history) {
        Object[] events = new Object[history.length + 1];
        events[0] = sterne;
        System.arraycopy(history, 0, events, 1, history.length);
        return fixture.given(events);
    }

    private GroupHandedOverForToday handedOver(UUID id, UUID leader, UUID target, LocalDate date) {
        return new GroupHandedOverForToday(groupId, id, leader, target, date);
    }

    // handing over

    @Test
    void aLeaderMayHandTheGroupOverForToday() {
        givenGroup()
                .when(new HandOverGroupForToday(groupId, transferId, anna, carl))
                .expectSuccessfulHandlerExecution()
                .expectEvents(handedOver(transferId, anna, carl, TODAY));
    }

    @Test
    void onlyALeaderMayHandTheGroupOver() {
        givenGroup()
                .when(new HandOverGroupForToday(groupId, transferId, carl, dora))
                .expectException(refusedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void staffWithoutAStaffIdCannotHandTheGroupOver() {
        givenGroup()
                .when(new HandOverGroupForToday(groupId, transferId, null, carl))
                .expectException(refusedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void aFormerLeaderCannotHandTheGroupOver() {
        givenGroup(new GroupTeachersChanged(groupId, Set.of(ben)))
                .when(new HandOverGroupForToday(groupId, transferId, anna, carl))
                .expectException(refusedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void aNewLeaderMayHandTheGroupOver() {
        givenGroup(new GroupTeachersChanged(groupId, Set.of(anna, ben, dora)))
                .when(new HandOverGroupForToday(groupId, transferId, dora, carl))
                .expectEvents(handedOver(transferId, dora, carl, TODAY));
    }

    @Test
    void nobodyCanHandTheGroupOverToThemselves() {
        givenGroup()
                .when(new HandOverGroupForToday(groupId, transferId, anna, anna))
                .expectException(refusedWith(ErrorCode.SAME_STAFF))
                .expectNoEvents();
    }

    @Test
    void theTargetMustBeStaff() {
        givenGroup()
                .when(new HandOverGroupForToday(groupId, transferId, anna, unknownStaff))
                .expectException(refusedWith(ErrorCode.STAFF_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void theSameTargetCannotReceiveTheGroupTwiceOnTheSameDay() {
        givenGroup(handedOver(otherId, anna, carl, TODAY))
                .when(new HandOverGroupForToday(groupId, transferId, anna, carl))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_OVERLAP))
                .expectNoEvents();
    }

    @Test
    void theSameTargetCannotReceiveTheGroupTwiceOnTheSameDayFromAnotherLeader() {
        givenGroup(handedOver(otherId, anna, carl, TODAY))
                .when(new HandOverGroupForToday(groupId, transferId, ben, carl))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_OVERLAP))
                .expectNoEvents();
    }

    @Test
    void yesterdaysTransferDoesNotBlockToday() {
        givenGroup(handedOver(otherId, anna, carl, YESTERDAY))
                .when(new HandOverGroupForToday(groupId, transferId, anna, carl))
                .expectEvents(handedOver(transferId, anna, carl, TODAY));
    }

    @Test
    void aGroupMayBeHandedOverToSeveralPeopleOnTheSameDay() {
        givenGroup(handedOver(otherId, anna, carl, TODAY))
                .when(new HandOverGroupForToday(groupId, transferId, anna, dora))
                .expectEvents(handedOver(transferId, anna, dora, TODAY));
    }

    @Test
    void aTransferToSomeoneWhoSubstitutesInTheGroupTodayIsRefused() {
        givenGroup(new SubstitutionPlanned(groupId, otherId, anna, carl, YESTERDAY, TOMORROW, null))
                .when(new HandOverGroupForToday(groupId, transferId, ben, carl))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_OVERLAP))
                .expectNoEvents();
    }

    @Test
    void aTransferToSomeoneWhoseSubstitutionStartsTomorrowIsFine() {
        givenGroup(new SubstitutionPlanned(groupId, otherId, anna, carl, TOMORROW, TOMORROW, null))
                .when(new HandOverGroupForToday(groupId, transferId, ben, carl))
                .expectEvents(handedOver(transferId, ben, carl, TODAY));
    }

    @Test
    void theTransferIsForTheBerlinDateAt2330Utc() {
        fixture = fixtureAt(Instant.parse("2026-12-01T23:30:00Z"));

        givenGroup()
                .when(new HandOverGroupForToday(groupId, transferId, anna, carl))
                .expectEvents(handedOver(transferId, anna, carl, LocalDate.of(2026, 12, 2)));
    }

    @Test
    void aTransferAt2330UtcDoesNotCollideWithTheEveningsTransferInBerlin() {
        fixture = fixtureAt(Instant.parse("2026-12-01T23:30:00Z"));

        givenGroup(handedOver(otherId, anna, carl, LocalDate.of(2026, 12, 1)))
                .when(new HandOverGroupForToday(groupId, transferId, anna, carl))
                .expectEvents(handedOver(transferId, anna, carl, LocalDate.of(2026, 12, 2)));
    }

    // revoking

    @Test
    void revokingATransferEndsItYesterday() {
        givenGroup(handedOver(transferId, anna, carl, TODAY))
                .when(new RevokeHandOver(groupId, transferId, anna))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SubstitutionEnded(groupId, transferId, YESTERDAY, EndReason.REVOKED));
    }

    @Test
    void anotherLeaderOfTheGroupMayRevokeATransfer() {
        givenGroup(handedOver(transferId, anna, carl, TODAY))
                .when(new RevokeHandOver(groupId, transferId, ben))
                .expectEvents(new SubstitutionEnded(groupId, transferId, YESTERDAY, EndReason.REVOKED));
    }

    @Test
    void onlyALeaderMayRevokeATransfer() {
        givenGroup(handedOver(transferId, anna, carl, TODAY))
                .when(new RevokeHandOver(groupId, transferId, carl))
                .expectException(refusedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void aSubstitutionPlannedByAnAdminIsNoTransfer() {
        givenGroup(new SubstitutionPlanned(groupId, otherId, anna, carl, TODAY, TOMORROW, null))
                .when(new RevokeHandOver(groupId, otherId, anna))
                .expectException(refusedWith(ErrorCode.NOT_A_TRANSFER))
                .expectNoEvents();
    }

    @Test
    void aRevokedTransferCannotBeRevokedAgain() {
        givenGroup(handedOver(transferId, anna, carl, TODAY),
                new SubstitutionEnded(groupId, transferId, YESTERDAY, EndReason.REVOKED))
                .when(new RevokeHandOver(groupId, transferId, anna))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_OVER))
                .expectNoEvents();
    }

    @Test
    void yesterdaysTransferCannotBeRevoked() {
        givenGroup(handedOver(transferId, anna, carl, YESTERDAY))
                .when(new RevokeHandOver(groupId, transferId, anna))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_OVER))
                .expectNoEvents();
    }

    @Test
    void revokingAnUnknownTransferIsRefused() {
        givenGroup(handedOver(otherId, anna, carl, TODAY))
                .when(new RevokeHandOver(groupId, transferId, anna))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_NOT_FOUND))
                .expectNoEvents();
    }
}
