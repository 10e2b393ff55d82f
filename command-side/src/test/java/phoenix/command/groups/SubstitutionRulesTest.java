package phoenix.command.groups;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.groups.GroupCreated;
import phoenix.api.substitutions.ChangeSubstitution;
import phoenix.api.substitutions.EndReason;
import phoenix.api.substitutions.GroupHandedOverForToday;
import phoenix.api.substitutions.PlanSubstitution;
import phoenix.api.substitutions.SubstitutionCancelled;
import phoenix.api.substitutions.SubstitutionChanged;
import phoenix.api.substitutions.SubstitutionEnded;
import phoenix.api.substitutions.SubstitutionPlanned;
import phoenix.api.substitutions.WithdrawSubstitution;
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

/** Substitutions planned by admins: PlanSubstitution, ChangeSubstitution, WithdrawSubstitution. */
class SubstitutionRulesTest {

    private final UUID groupId = UUID.randomUUID();
    private final UUID anna = UUID.randomUUID();
    private final UUID carl = UUID.randomUUID();
    private final UUID dora = UUID.randomUUID();
    private final UUID unknownStaff = UUID.randomUUID();
    private final UUID substitutionId = UUID.randomUUID();
    private final UUID otherId = UUID.randomUUID();
    private final GroupCreated sterne = new GroupCreated(groupId, "Sternengruppe", UUID.randomUUID(), Set.of(anna));

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

    /** Carl stands in for Anna. */
    private PlanSubstitution plan(LocalDate start, LocalDate end) {
        return new PlanSubstitution(groupId, substitutionId, anna, carl, start, end, "Fortbildung");
    }

    private SubstitutionPlanned planned(LocalDate start, LocalDate end) {
        return planned(substitutionId, carl, start, end);
    }

    private SubstitutionPlanned planned(UUID id, UUID substitute, LocalDate start, LocalDate end) {
        return new SubstitutionPlanned(groupId, id, anna, substitute, start, end, "Fortbildung");
    }

    private ChangeSubstitution change(LocalDate start, LocalDate end) {
        return new ChangeSubstitution(groupId, substitutionId, carl, start, end, "Fortbildung");
    }

    private SubstitutionChanged changed(LocalDate start, LocalDate end) {
        return new SubstitutionChanged(groupId, substitutionId, anna, carl, start, end, "Fortbildung");
    }

    // planning

    @Test
    void planningASubstitutionRecordsIt() {
        givenGroup()
                .when(plan(TOMORROW, TOMORROW.plusDays(4)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(planned(TOMORROW, TOMORROW.plusDays(4)));
    }

    @Test
    void aSubstitutionMayStartToday() {
        givenGroup()
                .when(plan(TODAY, TODAY))
                .expectEvents(planned(TODAY, TODAY));
    }

    @Test
    void aSubstitutionCannotStartBeforeToday() {
        givenGroup()
                .when(plan(YESTERDAY, TOMORROW))
                .expectException(refusedWith(ErrorCode.BACKDATED))
                .expectNoEvents();
    }

    @Test
    void aSubstitutionCannotEndBeforeItStarts() {
        givenGroup()
                .when(plan(TOMORROW.plusDays(1), TOMORROW))
                .expectException(refusedWith(ErrorCode.INVALID_DATE_RANGE))
                .expectNoEvents();
    }

    @Test
    void aReversedRangeInThePastIsAnInvalidRangeBeforeItIsBackdated() {
        givenGroup()
                .when(plan(YESTERDAY, YESTERDAY.minusDays(3)))
                .expectException(refusedWith(ErrorCode.INVALID_DATE_RANGE))
                .expectNoEvents();
    }

    @Test
    void nobodyCanSubstituteForThemselves() {
        givenGroup()
                .when(new PlanSubstitution(groupId, substitutionId, carl, carl, TOMORROW, TOMORROW, null))
                .expectException(refusedWith(ErrorCode.SAME_STAFF))
                .expectNoEvents();
    }

    @Test
    void theSubstituteMustBeStaff() {
        givenGroup()
                .when(new PlanSubstitution(groupId, substitutionId, anna, unknownStaff, TOMORROW, TOMORROW, null))
                .expectException(refusedWith(ErrorCode.STAFF_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void theRegularStaffMemberMustBeStaff() {
        givenGroup()
                .when(new PlanSubstitution(groupId, substitutionId, unknownStaff, carl, TOMORROW, TOMORROW, null))
                .expectException(refusedWith(ErrorCode.STAFF_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aSubstitutionNeedsNoRegularStaffMember() {
        givenGroup()
                .when(new PlanSubstitution(groupId, substitutionId, null, carl, TOMORROW, TOMORROW, null))
                .expectEvents(new SubstitutionPlanned(groupId, substitutionId, null, carl, TOMORROW, TOMORROW, null));
    }

    /** Days relative to today of the new substitution, against Carl's existing one from day 2 to day 5. */
    @ParameterizedTest(name = "days {0}..{1}")
    @CsvSource({"2, 5", "0, 2", "5, 9", "3, 4", "1, 6", "5, 5"})
    void theSameSubstituteCannotCoverTheGroupTwiceOnOverlappingDays(int from, int to) {
        givenGroup(planned(otherId, carl, TODAY.plusDays(2), TODAY.plusDays(5)))
                .when(plan(TODAY.plusDays(from), TODAY.plusDays(to)))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_OVERLAP))
                .expectNoEvents();
    }

    @Test
    void theSameSubstituteMayCoverTheGroupOnAdjacentDays() {
        givenGroup(planned(otherId, carl, TODAY.plusDays(2), TODAY.plusDays(5)))
                .when(plan(TODAY.plusDays(6), TODAY.plusDays(8)))
                .expectEvents(planned(TODAY.plusDays(6), TODAY.plusDays(8)));
    }

    @Test
    void theSameSubstituteMayCoverTheGroupOnTheDaysBefore() {
        givenGroup(planned(otherId, carl, TODAY.plusDays(2), TODAY.plusDays(5)))
                .when(plan(TODAY, TODAY.plusDays(1)))
                .expectEvents(planned(TODAY, TODAY.plusDays(1)));
    }

    @Test
    void aGroupMayHaveSeveralSubstitutesOnTheSameDays() {
        givenGroup(planned(otherId, dora, TODAY.plusDays(2), TODAY.plusDays(5)))
                .when(plan(TODAY.plusDays(2), TODAY.plusDays(5)))
                .expectEvents(planned(TODAY.plusDays(2), TODAY.plusDays(5)));
    }

    @Test
    void aCancelledSubstitutionNoLongerBlocksItsDays() {
        givenGroup(planned(otherId, carl, TOMORROW, TOMORROW.plusDays(3)),
                new SubstitutionCancelled(groupId, otherId, EndReason.WITHDRAWN))
                .when(plan(TOMORROW, TOMORROW.plusDays(3)))
                .expectEvents(planned(TOMORROW, TOMORROW.plusDays(3)));
    }

    @Test
    void anEndedSubstitutionNoLongerBlocksTheDaysAfterItsEnd() {
        givenGroup(planned(otherId, carl, YESTERDAY, TOMORROW.plusDays(3)),
                new SubstitutionEnded(groupId, otherId, YESTERDAY, EndReason.WITHDRAWN))
                .when(plan(TODAY, TOMORROW))
                .expectEvents(planned(TODAY, TOMORROW));
    }

    @Test
    void aSubstitutionCannotOverlapTheSameStaffMembersTransferToday() {
        givenGroup(new GroupHandedOverForToday(groupId, otherId, anna, carl, TODAY))
                .when(plan(TODAY, TOMORROW))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_OVERLAP))
                .expectNoEvents();
    }

    // changing

    @Test
    void changingASubstitutionRecordsTheNewDatesSubstituteAndReasonAndKeepsTheRegularStaffMember() {
        givenGroup(planned(TOMORROW, TOMORROW.plusDays(2)))
                .when(new ChangeSubstitution(groupId, substitutionId, dora, TODAY, TOMORROW.plusDays(4), "Kur"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SubstitutionChanged(groupId, substitutionId, anna, dora, TODAY,
                        TOMORROW.plusDays(4), "Kur"));
    }

    @Test
    void aStartedSubstitutionsStartCannotMoveForward() {
        givenGroup(planned(YESTERDAY.minusDays(2), TOMORROW.plusDays(3)))
                .when(change(TOMORROW, TOMORROW.plusDays(3)))
                .expectException(refusedWith(ErrorCode.BACKDATED))
                .expectNoEvents();
        givenGroup(planned(YESTERDAY.minusDays(2), TOMORROW.plusDays(3)))
                .when(change(TODAY, TOMORROW.plusDays(3)))
                .expectException(refusedWith(ErrorCode.BACKDATED))
                .expectNoEvents();
    }

    @Test
    void aStartedSubstitutionKeepsItsSubstitute() {
        givenGroup(planned(YESTERDAY, TOMORROW.plusDays(3)))
                .when(new ChangeSubstitution(groupId, substitutionId, dora, YESTERDAY, TOMORROW.plusDays(3), null))
                .expectException(refusedWith(ErrorCode.BACKDATED))
                .expectNoEvents();
    }

    @Test
    void changingASubstitutionToWhatItIsAddsNoEvent() {
        givenGroup(planned(TOMORROW, TOMORROW.plusDays(2)))
                .when(change(TOMORROW, TOMORROW.plusDays(2)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changingASubstitutionComparesWithItsLastChange() {
        givenGroup(planned(TOMORROW, TOMORROW.plusDays(2)), changed(TOMORROW, TOMORROW.plusDays(5)))
                .when(change(TOMORROW, TOMORROW.plusDays(2)))
                .expectEvents(changed(TOMORROW, TOMORROW.plusDays(2)));
    }

    @Test
    void aChangedSubstitutionCannotEndBeforeItStarts() {
        givenGroup(planned(TOMORROW, TOMORROW.plusDays(2)))
                .when(change(TOMORROW.plusDays(2), TOMORROW))
                .expectException(refusedWith(ErrorCode.INVALID_DATE_RANGE))
                .expectNoEvents();
    }

    @Test
    void aChangedReversedRangeInThePastIsAnInvalidRangeBeforeItIsBackdated() {
        givenGroup(planned(TOMORROW, TOMORROW.plusDays(2)))
                .when(change(YESTERDAY, YESTERDAY.minusDays(2)))
                .expectException(refusedWith(ErrorCode.INVALID_DATE_RANGE))
                .expectNoEvents();
    }

    @Test
    void aSubstitutionsStartCannotMoveIntoThePast() {
        givenGroup(planned(TOMORROW, TOMORROW.plusDays(2)))
                .when(change(YESTERDAY, TOMORROW.plusDays(2)))
                .expectException(refusedWith(ErrorCode.BACKDATED))
                .expectNoEvents();
    }

    @Test
    void aSubstitutionsStartMayMoveToToday() {
        givenGroup(planned(TOMORROW, TOMORROW.plusDays(2)))
                .when(change(TODAY, TOMORROW.plusDays(2)))
                .expectEvents(changed(TODAY, TOMORROW.plusDays(2)));
    }

    @Test
    void aStartedSubstitutionKeepsItsStartAndMayBeExtended() {
        givenGroup(planned(YESTERDAY.minusDays(2), TOMORROW))
                .when(change(YESTERDAY.minusDays(2), TOMORROW.plusDays(3)))
                .expectEvents(changed(YESTERDAY.minusDays(2), TOMORROW.plusDays(3)));
    }

    @Test
    void aStartedSubstitutionMayBeShortenedToEndToday() {
        givenGroup(planned(YESTERDAY.minusDays(2), TOMORROW.plusDays(3)))
                .when(change(YESTERDAY.minusDays(2), TODAY))
                .expectEvents(changed(YESTERDAY.minusDays(2), TODAY));
    }

    @Test
    void aStartedSubstitutionCannotEndBeforeToday() {
        givenGroup(planned(YESTERDAY.minusDays(2), TOMORROW.plusDays(3)))
                .when(change(YESTERDAY.minusDays(2), YESTERDAY))
                .expectException(refusedWith(ErrorCode.BACKDATED))
                .expectNoEvents();
    }

    @Test
    void aStartedSubstitutionsStartCannotMoveFurtherIntoThePast() {
        givenGroup(planned(YESTERDAY.minusDays(2), TOMORROW.plusDays(3)))
                .when(change(YESTERDAY.minusDays(4), TOMORROW.plusDays(3)))
                .expectException(refusedWith(ErrorCode.BACKDATED))
                .expectNoEvents();
    }

    @Test
    void aStartedSubstitutionsStartCannotMoveToAnotherPastDay() {
        givenGroup(planned(YESTERDAY.minusDays(2), TOMORROW.plusDays(3)))
                .when(change(YESTERDAY, TOMORROW.plusDays(3)))
                .expectException(refusedWith(ErrorCode.BACKDATED))
                .expectNoEvents();
    }

    @Test
    void theNewSubstituteCannotBeTheRegularStaffMember() {
        givenGroup(planned(TOMORROW, TOMORROW.plusDays(2)))
                .when(new ChangeSubstitution(groupId, substitutionId, anna, TOMORROW, TOMORROW.plusDays(2), null))
                .expectException(refusedWith(ErrorCode.SAME_STAFF))
                .expectNoEvents();
    }

    @Test
    void theNewSubstituteMustBeStaff() {
        givenGroup(planned(TOMORROW, TOMORROW.plusDays(2)))
                .when(new ChangeSubstitution(groupId, substitutionId, unknownStaff, TOMORROW, TOMORROW.plusDays(2),
                        null))
                .expectException(refusedWith(ErrorCode.STAFF_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aChangeMayOverlapTheSubstitutionItself() {
        givenGroup(planned(TOMORROW, TOMORROW.plusDays(2)))
                .when(change(TOMORROW.plusDays(1), TOMORROW.plusDays(6)))
                .expectEvents(changed(TOMORROW.plusDays(1), TOMORROW.plusDays(6)));
    }

    @Test
    void aChangeCannotOverlapAnotherSubstitutionOfTheSameSubstitute() {
        givenGroup(planned(TOMORROW, TOMORROW.plusDays(2)), planned(otherId, carl, TOMORROW.plusDays(5),
                TOMORROW.plusDays(7)))
                .when(change(TOMORROW, TOMORROW.plusDays(5)))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_OVERLAP))
                .expectNoEvents();
    }

    @Test
    void aChangeOfSubstituteCannotOverlapTheNewSubstitutesOtherSubstitution() {
        givenGroup(planned(TOMORROW, TOMORROW.plusDays(2)), planned(otherId, dora, TOMORROW, TOMORROW))
                .when(new ChangeSubstitution(groupId, substitutionId, dora, TOMORROW, TOMORROW.plusDays(2),
                        "Fortbildung"))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_OVERLAP))
                .expectNoEvents();
    }

    @Test
    void aChangeMayTakeTheDaysOfACancelledSubstitution() {
        givenGroup(planned(TOMORROW, TOMORROW.plusDays(2)), planned(otherId, carl, TOMORROW.plusDays(5),
                        TOMORROW.plusDays(7)), new SubstitutionCancelled(groupId, otherId, EndReason.WITHDRAWN))
                .when(change(TOMORROW, TOMORROW.plusDays(7)))
                .expectEvents(changed(TOMORROW, TOMORROW.plusDays(7)));
    }

    @Test
    void aCancelledSubstitutionCannotBeChanged() {
        givenGroup(planned(TOMORROW, TOMORROW.plusDays(2)),
                new SubstitutionCancelled(groupId, substitutionId, EndReason.WITHDRAWN))
                .when(change(TOMORROW, TOMORROW.plusDays(3)))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_OVER))
                .expectNoEvents();
    }

    @Test
    void aPastSubstitutionCannotBeChanged() {
        givenGroup(planned(YESTERDAY.minusDays(3), YESTERDAY))
                .when(change(YESTERDAY.minusDays(3), TOMORROW))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_OVER))
                .expectNoEvents();
    }

    @Test
    void anEndedSubstitutionCannotBeChanged() {
        givenGroup(planned(YESTERDAY.minusDays(3), TOMORROW),
                new SubstitutionEnded(groupId, substitutionId, YESTERDAY, EndReason.WITHDRAWN))
                .when(change(YESTERDAY.minusDays(3), TOMORROW))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_OVER))
                .expectNoEvents();
    }

    @Test
    void changingAnUnknownSubstitutionIsRefused() {
        givenGroup(planned(otherId, carl, TOMORROW, TOMORROW))
                .when(change(TOMORROW, TOMORROW))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_NOT_FOUND))
                .expectNoEvents();
    }

    // withdrawing

    @Test
    void withdrawingASubstitutionBeforeItStartsCancelsIt() {
        givenGroup(planned(TOMORROW, TOMORROW.plusDays(2)))
                .when(new WithdrawSubstitution(groupId, substitutionId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SubstitutionCancelled(groupId, substitutionId, EndReason.WITHDRAWN));
    }

    @Test
    void withdrawingARunningSubstitutionEndsItYesterday() {
        givenGroup(planned(YESTERDAY.minusDays(2), TOMORROW.plusDays(2)))
                .when(new WithdrawSubstitution(groupId, substitutionId))
                .expectEvents(new SubstitutionEnded(groupId, substitutionId, YESTERDAY, EndReason.WITHDRAWN));
    }

    @Test
    void withdrawingASubstitutionOnItsFirstDayEndsIt() {
        givenGroup(planned(TODAY, TOMORROW))
                .when(new WithdrawSubstitution(groupId, substitutionId))
                .expectEvents(new SubstitutionEnded(groupId, substitutionId, YESTERDAY, EndReason.WITHDRAWN));
    }

    @Test
    void withdrawingASubstitutionOnItsLastDayEndsIt() {
        givenGroup(planned(YESTERDAY, TODAY))
                .when(new WithdrawSubstitution(groupId, substitutionId))
                .expectEvents(new SubstitutionEnded(groupId, substitutionId, YESTERDAY, EndReason.WITHDRAWN));
    }

    @Test
    void aCancelledSubstitutionCannotBeWithdrawnAgain() {
        givenGroup(planned(TOMORROW, TOMORROW.plusDays(2)),
                new SubstitutionCancelled(groupId, substitutionId, EndReason.WITHDRAWN))
                .when(new WithdrawSubstitution(groupId, substitutionId))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_OVER))
                .expectNoEvents();
    }

    @Test
    void anEndedSubstitutionCannotBeWithdrawnAgain() {
        givenGroup(planned(YESTERDAY, TOMORROW),
                new SubstitutionEnded(groupId, substitutionId, YESTERDAY, EndReason.WITHDRAWN))
                .when(new WithdrawSubstitution(groupId, substitutionId))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_OVER))
                .expectNoEvents();
    }

    @Test
    void aPastSubstitutionCannotBeWithdrawn() {
        givenGroup(planned(YESTERDAY.minusDays(3), YESTERDAY))
                .when(new WithdrawSubstitution(groupId, substitutionId))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_OVER))
                .expectNoEvents();
    }

    @Test
    void withdrawingAnUnknownSubstitutionIsRefused() {
        givenGroup()
                .when(new WithdrawSubstitution(groupId, substitutionId))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_NOT_FOUND))
                .expectNoEvents();
    }

    // around midnight: dates are Berlin dates

    @Test
    void at2330UtcInWinterItIsAlreadyTomorrowInBerlinSoTodayIsBackdated() {
        fixture = fixtureAt(Instant.parse("2026-12-01T23:30:00Z"));

        givenGroup()
                .when(plan(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 3)))
                .expectException(refusedWith(ErrorCode.BACKDATED))
                .expectNoEvents();
    }

    @Test
    void at2330UtcInWinterASubstitutionMayStartOnTheBerlinDate() {
        fixture = fixtureAt(Instant.parse("2026-12-01T23:30:00Z"));

        givenGroup()
                .when(plan(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 3)))
                .expectEvents(planned(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 3)));
    }

    @Test
    void at2330InBerlinItIsStillTheSameDay() {
        fixture = fixtureAt(Instant.parse("2026-12-01T22:30:00Z"));

        givenGroup()
                .when(plan(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1)))
                .expectEvents(planned(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1)));
    }

    @Test
    void at2230UtcInSummerItIsAlreadyTomorrowInBerlinSoTodayIsBackdated() {
        fixture = fixtureAt(Instant.parse("2026-07-01T22:30:00Z"));

        givenGroup()
                .when(plan(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 3)))
                .expectException(refusedWith(ErrorCode.BACKDATED))
                .expectNoEvents();
    }

    @Test
    void at2230UtcInSummerASubstitutionMayStartOnTheBerlinDate() {
        fixture = fixtureAt(Instant.parse("2026-07-01T22:30:00Z"));

        givenGroup()
                .when(plan(LocalDate.of(2026, 7, 2), LocalDate.of(2026, 7, 3)))
                .expectEvents(planned(LocalDate.of(2026, 7, 2), LocalDate.of(2026, 7, 3)));
    }

    @Test
    void at2130UtcInSummerItIsStillTheSameDayInBerlin() {
        fixture = fixtureAt(Instant.parse("2026-07-01T21:30:00Z"));

        givenGroup()
                .when(plan(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 1)))
                .expectEvents(planned(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 1)));
    }

    @Test
    void at2330UtcOnItsLastDayASubstitutionIsAlreadyOver() {
        fixture = fixtureAt(Instant.parse("2026-12-01T23:30:00Z"));

        givenGroup(planned(LocalDate.of(2026, 11, 28), LocalDate.of(2026, 12, 1)))
                .when(new WithdrawSubstitution(groupId, substitutionId))
                .expectException(refusedWith(ErrorCode.SUBSTITUTION_OVER))
                .expectNoEvents();
    }

    @Test
    void at2330InBerlinOnItsLastDayASubstitutionIsStillRunning() {
        fixture = fixtureAt(Instant.parse("2026-12-01T22:30:00Z"));

        givenGroup(planned(LocalDate.of(2026, 11, 28), LocalDate.of(2026, 12, 1)))
                .when(new WithdrawSubstitution(groupId, substitutionId))
                .expectEvents(new SubstitutionEnded(groupId, substitutionId, LocalDate.of(2026, 11, 30),
                        EndReason.WITHDRAWN));
    }

    @Test
    void at2330UtcTheDayBeforeItStartsASubstitutionHasStartedInBerlin() {
        fixture = fixtureAt(Instant.parse("2026-12-01T23:30:00Z"));

        givenGroup(planned(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 4)))
                .when(new WithdrawSubstitution(groupId, substitutionId))
                .expectEvents(new SubstitutionEnded(groupId, substitutionId, LocalDate.of(2026, 12, 1),
                        EndReason.WITHDRAWN));
    }
}
