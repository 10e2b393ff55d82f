package phoenix.command.groups;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.groups.ChangeGroup;
import phoenix.api.groups.CreateGroup;
import phoenix.api.groups.GroupCreated;
import phoenix.api.groups.GroupDeleted;
import phoenix.api.groups.GroupHomeRoomChanged;
import phoenix.api.groups.GroupRenamed;
import phoenix.api.groups.GroupTeachersChanged;
import phoenix.api.substitutions.ChangeSubstitution;
import phoenix.api.substitutions.EndReason;
import phoenix.api.substitutions.GroupHandedOverForToday;
import phoenix.api.substitutions.HandOverGroupForToday;
import phoenix.api.substitutions.PlanSubstitution;
import phoenix.api.substitutions.RevokeHandOver;
import phoenix.api.substitutions.SubstitutionCancelled;
import phoenix.api.substitutions.SubstitutionEnded;
import phoenix.api.substitutions.SubstitutionPlanned;
import phoenix.api.substitutions.WithdrawSubstitution;
import phoenix.command.dispatch.KnownAggregates;
import phoenix.command.dispatch.UniqueNames;
import phoenix.command.people.StaffDirectory;
import phoenix.command.rooms.Room;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

/** Creating, changing and deleting an OGS group; the substitution rules are in SubstitutionRulesTest and HandOverTest. */
class OgsGroupTest {

    /** 11:00 in Berlin. */
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    static final LocalDate YESTERDAY = TODAY.minusDays(1);
    static final LocalDate TOMORROW = TODAY.plusDays(1);

    private final UUID groupId = UUID.randomUUID();
    private final UUID homeRoom = UUID.randomUUID();
    private final UUID otherRoom = UUID.randomUUID();
    private final UUID anna = UUID.randomUUID();
    private final UUID ben = UUID.randomUUID();
    private final UUID notATeacher = UUID.randomUUID();
    private final UUID unknownStaff = UUID.randomUUID();
    private final UUID carl = UUID.randomUUID();
    private final GroupCreated sterne = new GroupCreated(groupId, "Sternengruppe", homeRoom, Set.of(anna));
    private final GroupDeleted sterneDeleted = new GroupDeleted(groupId, "Sternengruppe");

    private AggregateTestFixture<OgsGroup> fixture;
    private NamesHeld names;
    private RoomsKnown rooms;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OgsGroup.class);
        names = new NamesHeld();
        rooms = new RoomsKnown(homeRoom, otherRoom);
        StaffDirectory staff = mock(StaffDirectory.class);
        doThrow(new PhoenixException(ErrorCode.NOT_A_TEACHER, "Only teachers can lead a group."))
                .when(staff).requireTeachers(argThat((Collection<UUID> ids) -> ids.contains(notATeacher)));
        doThrow(new PhoenixException(ErrorCode.STAFF_NOT_FOUND, "There is no such staff member."))
                .when(staff).requireTeachers(argThat((Collection<UUID> ids) -> ids.contains(unknownStaff)));
        doThrow(new PhoenixException(ErrorCode.STAFF_NOT_FOUND, "There is no such staff member."))
                .when(staff).requireStaff(unknownStaff);
        fixture.registerInjectableResource(names);
        fixture.registerInjectableResource(rooms);
        fixture.registerInjectableResource(staff);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    // creating

    @Test
    void creatingAGroupTrimsItsName() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroup(groupId, "  Sternengruppe ", homeRoom, Set.of(anna)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(sterne);
    }

    @Test
    void theNameIsCheckedForUniquenessAfterTrimming() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroup(groupId, "  Sternengruppe ", homeRoom, Set.of(anna)))
                .expectSuccessfulHandlerExecution();

        assertThat(names.asked).containsExactly(Map.entry("Sternengruppe", groupId));
    }

    @Test
    void aGroupWithoutLeadersMayBeCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroup(groupId, "Mondgruppe", homeRoom, Set.of()))
                .expectEvents(new GroupCreated(groupId, "Mondgruppe", homeRoom, Set.of()));
    }

    @Test
    void creatingAGroupWithABlankNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroup(groupId, "   ", homeRoom, Set.of(anna)))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void creatingAGroupWithoutANameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroup(groupId, null, homeRoom, Set.of(anna)))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void creatingAGroupUnderAnotherGroupsNameIsRefused() {
        names.held("sternengruppe", UUID.randomUUID());

        fixture.givenNoPriorActivity()
                .when(new CreateGroup(groupId, "Sternengruppe", homeRoom, Set.of(anna)))
                .expectException(refusedWith(ErrorCode.GROUP_NAME_TAKEN))
                .expectNoEvents();
    }

    @Test
    void creatingAGroupWithAnUnknownHomeRoomIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroup(groupId, "Sternengruppe", UUID.randomUUID(), Set.of(anna)))
                .expectException(refusedWith(ErrorCode.ROOM_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void creatingAGroupWithoutAHomeRoomIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroup(groupId, "Sternengruppe", null, Set.of(anna)))
                .expectException(refusedWith(ErrorCode.ROOM_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aGroupCannotBeLedByStaffWithoutTheTeacherFlag() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroup(groupId, "Sternengruppe", homeRoom, Set.of(anna, notATeacher)))
                .expectException(refusedWith(ErrorCode.NOT_A_TEACHER))
                .expectNoEvents();
    }

    @Test
    void aGroupCannotBeLedByUnknownStaff() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroup(groupId, "Sternengruppe", homeRoom, Set.of(unknownStaff)))
                .expectException(refusedWith(ErrorCode.STAFF_NOT_FOUND))
                .expectNoEvents();
    }

    // changing

    @Test
    void renamingAGroupNamesThePreviousName() {
        fixture.given(sterne)
                .when(new ChangeGroup(groupId, " Sonnengruppe ", homeRoom, Set.of(anna)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new GroupRenamed(groupId, "Sonnengruppe", "Sternengruppe"));
    }

    @Test
    void movingAGroupNamesThePreviousHomeRoom() {
        fixture.given(sterne)
                .when(new ChangeGroup(groupId, "Sternengruppe", otherRoom, Set.of(anna)))
                .expectEvents(new GroupHomeRoomChanged(groupId, otherRoom, homeRoom));
    }

    @Test
    void settingTheLeadersRecordsExactlyTheNewLeaders() {
        fixture.given(sterne)
                .when(new ChangeGroup(groupId, "Sternengruppe", homeRoom, Set.of(ben)))
                .expectEvents(new GroupTeachersChanged(groupId, Set.of(ben)));
    }

    @Test
    void changingEverythingRecordsEachChange() {
        fixture.given(sterne)
                .when(new ChangeGroup(groupId, "Sonnengruppe", otherRoom, Set.of(anna, ben)))
                .expectEvents(new GroupRenamed(groupId, "Sonnengruppe", "Sternengruppe"),
                        new GroupHomeRoomChanged(groupId, otherRoom, homeRoom),
                        new GroupTeachersChanged(groupId, Set.of(anna, ben)));
    }

    @Test
    void changingAGroupToWhatItIsAddsNoEvent() {
        fixture.given(sterne)
                .when(new ChangeGroup(groupId, " Sternengruppe  ", homeRoom, new HashSet<>(Set.of(anna))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theNameIsComparedWithTheCurrentNameNotTheFirstOne() {
        fixture.given(sterne, new GroupRenamed(groupId, "Sonnengruppe", "Sternengruppe"))
                .when(new ChangeGroup(groupId, "Sternengruppe", homeRoom, Set.of(anna)))
                .expectEvents(new GroupRenamed(groupId, "Sternengruppe", "Sonnengruppe"));
    }

    @Test
    void theHomeRoomIsComparedWithTheCurrentRoomNotTheFirstOne() {
        fixture.given(sterne, new GroupHomeRoomChanged(groupId, otherRoom, homeRoom))
                .when(new ChangeGroup(groupId, "Sternengruppe", homeRoom, Set.of(anna)))
                .expectEvents(new GroupHomeRoomChanged(groupId, homeRoom, otherRoom));
    }

    @Test
    void aGroupKeepsItsOwnNameWhenOnlyItsCaseChanges() {
        names.held("Sternengruppe", groupId);

        fixture.given(sterne)
                .when(new ChangeGroup(groupId, "STERNENGRUPPE", homeRoom, Set.of(anna)))
                .expectEvents(new GroupRenamed(groupId, "STERNENGRUPPE", "Sternengruppe"));
    }

    @Test
    void renamingAGroupToAnotherGroupsNameIsRefused() {
        names.held("Sonnengruppe", UUID.randomUUID());

        fixture.given(sterne)
                .when(new ChangeGroup(groupId, "Sonnengruppe", homeRoom, Set.of(anna)))
                .expectException(refusedWith(ErrorCode.GROUP_NAME_TAKEN))
                .expectNoEvents();
    }

    @Test
    void renamingAGroupToABlankNameIsRefused() {
        fixture.given(sterne)
                .when(new ChangeGroup(groupId, " ", homeRoom, Set.of(anna)))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void movingAGroupToAnUnknownRoomIsRefused() {
        fixture.given(sterne)
                .when(new ChangeGroup(groupId, "Sternengruppe", UUID.randomUUID(), Set.of(anna)))
                .expectException(refusedWith(ErrorCode.ROOM_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void newLeadersMustBeTeachers() {
        fixture.given(sterne)
                .when(new ChangeGroup(groupId, "Sternengruppe", homeRoom, Set.of(anna, notATeacher)))
                .expectException(refusedWith(ErrorCode.NOT_A_TEACHER))
                .expectNoEvents();
    }

    @Test
    void newLeadersMustBeKnownStaff() {
        fixture.given(sterne)
                .when(new ChangeGroup(groupId, "Sternengruppe", homeRoom, Set.of(unknownStaff)))
                .expectException(refusedWith(ErrorCode.STAFF_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aRefusedChangeRecordsNoneOfItsOtherParts() {
        fixture.given(sterne)
                .when(new ChangeGroup(groupId, "Sonnengruppe", otherRoom, Set.of(notATeacher)))
                .expectException(refusedWith(ErrorCode.NOT_A_TEACHER))
                .expectNoEvents();
    }

    // a deleted group

    @Test
    void aDeletedGroupCannotBeChanged() {
        fixture.given(sterne, sterneDeleted)
                .when(new ChangeGroup(groupId, "Sonnengruppe", homeRoom, Set.of(anna)))
                .expectException(refusedWith(ErrorCode.GROUP_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aDeletedGroupCannotBeDeletedAgain() {
        fixture.given(sterne, sterneDeleted)
                .whenInvoking(groupId.toString(), group -> group.delete(TODAY))
                .expectException(refusedWith(ErrorCode.GROUP_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void noSubstitutionCanBePlannedForADeletedGroup() {
        fixture.given(sterne, sterneDeleted)
                .when(new PlanSubstitution(groupId, UUID.randomUUID(), anna, carl, TOMORROW, TOMORROW, null))
                .expectException(refusedWith(ErrorCode.GROUP_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void theSubstitutionsOfADeletedGroupCannotBeChanged() {
        UUID substitutionId = UUID.randomUUID();

        fixture.given(sterne, planned(substitutionId, TOMORROW, TOMORROW),
                        new SubstitutionCancelled(groupId, substitutionId, EndReason.GROUP_DELETED), sterneDeleted)
                .when(new ChangeSubstitution(groupId, substitutionId, carl, TOMORROW, TOMORROW.plusDays(1), null))
                .expectException(refusedWith(ErrorCode.GROUP_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void theSubstitutionsOfADeletedGroupCannotBeWithdrawn() {
        UUID substitutionId = UUID.randomUUID();

        fixture.given(sterne, planned(substitutionId, TOMORROW, TOMORROW),
                        new SubstitutionCancelled(groupId, substitutionId, EndReason.GROUP_DELETED), sterneDeleted)
                .when(new WithdrawSubstitution(groupId, substitutionId))
                .expectException(refusedWith(ErrorCode.GROUP_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aDeletedGroupCannotBeHandedOver() {
        fixture.given(sterne, sterneDeleted)
                .when(new HandOverGroupForToday(groupId, UUID.randomUUID(), anna, carl))
                .expectException(refusedWith(ErrorCode.GROUP_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aTransferOfADeletedGroupCannotBeRevoked() {
        UUID transferId = UUID.randomUUID();

        fixture.given(sterne, new GroupHandedOverForToday(groupId, transferId, anna, carl, TODAY),
                        new SubstitutionEnded(groupId, transferId, YESTERDAY, EndReason.GROUP_DELETED), sterneDeleted)
                .when(new RevokeHandOver(groupId, transferId, anna))
                .expectException(refusedWith(ErrorCode.GROUP_NOT_FOUND))
                .expectNoEvents();
    }

    // deleting

    @Test
    void deletingAGroupWithoutSubstitutionsOnlyDeletesIt() {
        fixture.given(sterne)
                .whenInvoking(groupId.toString(), group -> group.delete(TODAY))
                .expectSuccessfulHandlerExecution()
                .expectEvents(sterneDeleted);
    }

    @Test
    void theDeletionNamesTheGroupsCurrentName() {
        fixture.given(sterne, new GroupRenamed(groupId, "Sonnengruppe", "Sternengruppe"))
                .whenInvoking(groupId.toString(), group -> group.delete(TODAY))
                .expectEvents(new GroupDeleted(groupId, "Sonnengruppe"));
    }

    @Test
    void deletingAGroupEndsItsRunningSubstitutionsYesterday() {
        UUID running = UUID.randomUUID();

        fixture.given(sterne, planned(running, YESTERDAY.minusDays(2), TOMORROW.plusDays(3)))
                .whenInvoking(groupId.toString(), group -> group.delete(TODAY))
                .expectEvents(new SubstitutionEnded(groupId, running, YESTERDAY, EndReason.GROUP_DELETED),
                        sterneDeleted);
    }

    @Test
    void deletingAGroupEndsSubstitutionsOnTheirFirstAndLastDayToo() {
        UUID startsToday = UUID.randomUUID();
        UUID endsToday = UUID.randomUUID();

        fixture.given(sterne, planned(startsToday, TODAY, TOMORROW), planned(endsToday, YESTERDAY, TODAY))
                .whenInvoking(groupId.toString(), group -> group.delete(TODAY))
                .expectEvents(new SubstitutionEnded(groupId, startsToday, YESTERDAY, EndReason.GROUP_DELETED),
                        new SubstitutionEnded(groupId, endsToday, YESTERDAY, EndReason.GROUP_DELETED),
                        sterneDeleted);
    }

    @Test
    void deletingAGroupEndsTodaysTransfers() {
        UUID transfer = UUID.randomUUID();

        fixture.given(sterne, new GroupHandedOverForToday(groupId, transfer, anna, carl, TODAY))
                .whenInvoking(groupId.toString(), group -> group.delete(TODAY))
                .expectEvents(new SubstitutionEnded(groupId, transfer, YESTERDAY, EndReason.GROUP_DELETED),
                        sterneDeleted);
    }

    @Test
    void deletingAGroupCancelsItsFutureSubstitutions() {
        UUID future = UUID.randomUUID();

        fixture.given(sterne, planned(future, TOMORROW, TOMORROW.plusDays(4)))
                .whenInvoking(groupId.toString(), group -> group.delete(TODAY))
                .expectEvents(new SubstitutionCancelled(groupId, future, EndReason.GROUP_DELETED), sterneDeleted);
    }

    @Test
    void deletingAGroupLeavesPastCancelledAndEndedSubstitutionsAlone() {
        UUID past = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID ended = UUID.randomUUID();
        UUID yesterdaysTransfer = UUID.randomUUID();

        fixture.given(sterne,
                        planned(past, YESTERDAY.minusDays(5), YESTERDAY),
                        planned(cancelled, TOMORROW, TOMORROW.plusDays(2)),
                        new SubstitutionCancelled(groupId, cancelled, EndReason.WITHDRAWN),
                        planned(ended, YESTERDAY.minusDays(3), TOMORROW),
                        new SubstitutionEnded(groupId, ended, YESTERDAY, EndReason.WITHDRAWN),
                        new GroupHandedOverForToday(groupId, yesterdaysTransfer, anna, carl, YESTERDAY))
                .whenInvoking(groupId.toString(), group -> group.delete(TODAY))
                .expectEvents(sterneDeleted);
    }

    @Test
    void deletingAGroupEndsOrCancelsEachOfItsSubstitutionsBeforeDeletingIt() {
        UUID past = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        UUID future = UUID.randomUUID();

        fixture.given(sterne,
                        planned(past, YESTERDAY.minusDays(5), YESTERDAY.minusDays(1)),
                        planned(running, YESTERDAY, TOMORROW),
                        planned(future, TOMORROW.plusDays(7), TOMORROW.plusDays(9)))
                .whenInvoking(groupId.toString(), group -> group.delete(TODAY))
                .expectEvents(new SubstitutionEnded(groupId, running, YESTERDAY, EndReason.GROUP_DELETED),
                        new SubstitutionCancelled(groupId, future, EndReason.GROUP_DELETED),
                        sterneDeleted);
    }

    private SubstitutionPlanned planned(UUID substitutionId, LocalDate start, LocalDate end) {
        return new SubstitutionPlanned(groupId, substitutionId, anna, carl, start, end, null);
    }

    static Matcher<PhoenixException> refusedWith(ErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a PhoenixException with code", "code") {
            @Override
            protected ErrorCode featureValueOf(PhoenixException refusal) {
                return refusal.code();
            }
        };
    }

    /** The names other groups hold, instead of the table; remembers which names were asked about. */
    static class NamesHeld extends GroupNames {

        private final Map<String, UUID> holders = new HashMap<>();
        final Map<String, UUID> asked = new HashMap<>();

        NamesHeld() {
            super(null);
        }

        void held(String name, UUID groupId) {
            holders.put(UniqueNames.key(name), groupId);
        }

        @Override
        void requireFree(String name, UUID groupId) {
            asked.put(name, groupId);
            UUID holder = holders.get(UniqueNames.key(name));
            if (holder != null && !holder.equals(groupId)) {
                throw new PhoenixException(ErrorCode.GROUP_NAME_TAKEN, "Another group already has this name.");
            }
        }

        @Override
        public void requireExisting(UUID groupId) {
            throw new AssertionError("a group needs no other group");
        }
    }

    /** The rooms that exist, instead of the event store. */
    static class RoomsKnown extends KnownAggregates {

        private final Set<UUID> rooms;

        RoomsKnown(UUID... rooms) {
            super(null);
            this.rooms = Set.of(rooms);
        }

        @Override
        public boolean exists(Class<?> aggregateType, Object id) {
            return aggregateType == Room.class && rooms.contains(id);
        }
    }
}
