package phoenix.command.groups;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
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
import phoenix.api.substitutions.SubstitutionChanged;
import phoenix.api.substitutions.SubstitutionEnded;
import phoenix.api.substitutions.SubstitutionKind;
import phoenix.api.substitutions.SubstitutionPlanned;
import phoenix.api.substitutions.WithdrawSubstitution;
import phoenix.api.time.SchoolCalendar;
import phoenix.command.dispatch.KnownAggregates;
import phoenix.command.people.StaffDirectory;
import phoenix.command.rooms.Room;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An OGS group: a child's permanent afternoon group, with a home room and leaders. Its substitutions live inside it,
 * because their rule ("the same substitute for the same group never twice on a day") is about the group: the
 * group's event stream orders competing substitutions, and deleting the group ends them in the same transaction.
 */
@Aggregate
public class OgsGroup {

    @AggregateIdentifier
    private UUID groupId;
    private String name;
    private UUID homeRoomId;
    private Set<UUID> teacherIds;
    private boolean deleted;
    private final Map<UUID, Substitution> substitutions = new LinkedHashMap<>();

    protected OgsGroup() {
        // for Axon
    }

    @CommandHandler
    OgsGroup(CreateGroup command, GroupNames names, KnownAggregates known, StaffDirectory staff) {
        String name = validName(command.name());
        names.requireFree(name, command.groupId());
        requireRoom(command.homeRoomId(), known);
        staff.requireTeachers(command.teacherIds());
        apply(new GroupCreated(command.groupId(), name, command.homeRoomId(), Set.copyOf(command.teacherIds())));
    }

    @CommandHandler
    void handle(ChangeGroup command, GroupNames names, KnownAggregates known, StaffDirectory staff) {
        requireExisting();
        String newName = validName(command.name());
        if (!newName.equals(name)) {
            names.requireFree(newName, groupId);
            apply(new GroupRenamed(groupId, newName, name));
        }
        if (!command.homeRoomId().equals(homeRoomId)) {
            requireRoom(command.homeRoomId(), known);
            apply(new GroupHomeRoomChanged(groupId, command.homeRoomId(), homeRoomId));
        }
        if (!command.teacherIds().equals(teacherIds)) {
            staff.requireTeachers(command.teacherIds());
            apply(new GroupTeachersChanged(groupId, Set.copyOf(command.teacherIds())));
        }
    }

    /** Ends what is still to come (its children leave it in the same unit of work, see GroupDeletion). */
    void delete(LocalDate today) {
        requireExisting();
        for (Substitution substitution : substitutions.values()) {
            if (!substitution.startsAfter(today) && !substitution.isOverBy(today)) {
                apply(new SubstitutionEnded(groupId, substitution.id(), today.minusDays(1), EndReason.GROUP_DELETED));
            } else if (substitution.startsAfter(today) && !substitution.cancelled()) {
                apply(new SubstitutionCancelled(groupId, substitution.id(), EndReason.GROUP_DELETED));
            }
        }
        apply(new GroupDeleted(groupId, name));
    }

    @CommandHandler
    void handle(PlanSubstitution command, Clock clock, StaffDirectory staff) {
        requireExisting();
        LocalDate today = SchoolCalendar.today(clock);
        requireValidDates(command.startDate(), command.endDate(), today);
        requireDistinct(command.regularStaffId(), command.substituteStaffId());
        if (command.regularStaffId() != null) {
            staff.requireStaff(command.regularStaffId());
        }
        staff.requireStaff(command.substituteStaffId());
        requireNoOverlap(null, command.substituteStaffId(), command.startDate(), command.endDate());
        apply(new SubstitutionPlanned(groupId, command.substitutionId(), command.regularStaffId(),
                command.substituteStaffId(), command.startDate(), command.endDate(), command.reason()));
    }

    /** A started substitution keeps its start date; it can still be shortened or ended today. */
    @CommandHandler
    void handle(ChangeSubstitution command, Clock clock, StaffDirectory staff) {
        Substitution substitution = existing(command.substitutionId());
        LocalDate today = SchoolCalendar.today(clock);
        requireNotOver(substitution, today);
        requireOrderedDates(command.startDate(), command.endDate());
        if (command.endDate().isBefore(today)) {
            throw new PhoenixException(ErrorCode.BACKDATED, "A substitution can end today at the earliest.");
        }
        if (substitution.startsAfter(today) ? command.startDate().isBefore(today)
                : !command.startDate().equals(substitution.start())
                || !command.substituteStaffId().equals(substitution.substituteStaffId())) {
            // the days it already counted for stay as they were
            throw new PhoenixException(ErrorCode.BACKDATED,
                    "A started substitution keeps its start and its substitute; end it and plan a new one.");
        }
        requireDistinct(substitution.regularStaffId(), command.substituteStaffId());
        staff.requireStaff(command.substituteStaffId());
        requireNoOverlap(substitution.id(), command.substituteStaffId(), command.startDate(), command.endDate());
        SubstitutionChanged changed = new SubstitutionChanged(groupId, substitution.id(), substitution.regularStaffId(),
                command.substituteStaffId(), command.startDate(), command.endDate(), command.reason());
        if (!substitution.matches(changed)) {
            apply(changed);
        }
    }

    @CommandHandler
    void handle(WithdrawSubstitution command, Clock clock) {
        Substitution substitution = existing(command.substitutionId());
        LocalDate today = SchoolCalendar.today(clock);
        requireNotOver(substitution, today);
        if (substitution.startsAfter(today)) {
            apply(new SubstitutionCancelled(groupId, substitution.id(), EndReason.WITHDRAWN));
        } else {
            apply(new SubstitutionEnded(groupId, substitution.id(), today.minusDays(1), EndReason.WITHDRAWN));
        }
    }

    @CommandHandler
    void handle(HandOverGroupForToday command, Clock clock, StaffDirectory staff) {
        requireExisting();
        requireLeader(command.leaderStaffId());
        requireDistinct(command.leaderStaffId(), command.targetStaffId());
        staff.requireStaff(command.targetStaffId());
        LocalDate today = SchoolCalendar.today(clock);
        requireNoOverlap(null, command.targetStaffId(), today, today);
        apply(new GroupHandedOverForToday(groupId, command.substitutionId(), command.leaderStaffId(),
                command.targetStaffId(), today));
    }

    @CommandHandler
    void handle(RevokeHandOver command, Clock clock) {
        Substitution transfer = existing(command.substitutionId());
        if (transfer.kind() != SubstitutionKind.SAME_DAY_TRANSFER) {
            throw new PhoenixException(ErrorCode.NOT_A_TRANSFER,
                    "This is a substitution planned by an admin; only an admin can withdraw it.");
        }
        requireLeader(command.leaderStaffId());
        LocalDate today = SchoolCalendar.today(clock);
        requireNotOver(transfer, today);
        apply(new SubstitutionEnded(groupId, transfer.id(), today.minusDays(1), EndReason.REVOKED));
    }

    /** Leaders always; substitutes and same-day transfers on their days. */
    public boolean grantsAccessTo(UUID staffId, LocalDate day) {
        return teacherIds.contains(staffId) || substitutions.values().stream()
                .anyMatch(substitution -> substitution.overlaps(staffId, day, day));
    }

    @EventSourcingHandler
    void on(GroupCreated event) {
        groupId = event.groupId();
        name = event.name();
        homeRoomId = event.homeRoomId();
        teacherIds = event.teacherIds();
    }

    @EventSourcingHandler
    void on(GroupRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(GroupHomeRoomChanged event) {
        homeRoomId = event.homeRoomId();
    }

    @EventSourcingHandler
    void on(GroupTeachersChanged event) {
        teacherIds = event.teacherIds();
    }

    @EventSourcingHandler
    void on(GroupDeleted event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(SubstitutionPlanned event) {
        substitutions.put(event.substitutionId(), new Substitution(event.substitutionId(), SubstitutionKind.PLANNED,
                event.regularStaffId(), event.substituteStaffId(), event.startDate(), event.endDate(),
                event.endDate(), event.reason(), false));
    }

    @EventSourcingHandler
    void on(GroupHandedOverForToday event) {
        substitutions.put(event.substitutionId(), new Substitution(event.substitutionId(),
                SubstitutionKind.SAME_DAY_TRANSFER, event.leaderStaffId(), event.targetStaffId(), event.date(),
                event.date(), event.date(), null, false));
    }

    @EventSourcingHandler
    void on(SubstitutionChanged event) {
        substitutions.computeIfPresent(event.substitutionId(), (id, old) -> old.changedTo(event));
    }

    @EventSourcingHandler
    void on(SubstitutionEnded event) {
        substitutions.computeIfPresent(event.substitutionId(), (id, old) -> old.endedAfter(event.lastDay()));
    }

    @EventSourcingHandler
    void on(SubstitutionCancelled event) {
        substitutions.computeIfPresent(event.substitutionId(), (id, old) -> old.cancel());
    }

    private void requireExisting() {
        if (deleted) {
            throw new PhoenixException(ErrorCode.GROUP_NOT_FOUND, "This group was deleted.");
        }
    }

    private Substitution existing(UUID substitutionId) {
        requireExisting();
        Substitution substitution = substitutions.get(substitutionId);
        if (substitution == null) {
            throw new PhoenixException(ErrorCode.SUBSTITUTION_NOT_FOUND, "There is no such substitution.");
        }
        return substitution;
    }

    private void requireLeader(UUID staffId) {
        if (staffId == null || !teacherIds.contains(staffId)) {
            throw new PhoenixException(ErrorCode.FORBIDDEN, "Only a leader of this group may hand it over.");
        }
    }

    private void requireNoOverlap(UUID except, UUID substituteStaffId, LocalDate from, LocalDate to) {
        boolean overlaps = substitutions.values().stream()
                .filter(existing -> !existing.id().equals(except))
                .anyMatch(existing -> existing.overlaps(substituteStaffId, from, to));
        if (overlaps) {
            throw new PhoenixException(ErrorCode.SUBSTITUTION_OVERLAP,
                    "This person already substitutes in this group on some of these days.");
        }
    }

    private static void requireOrderedDates(LocalDate start, LocalDate end) {
        if (start.isAfter(end)) {
            throw new PhoenixException(ErrorCode.INVALID_DATE_RANGE, "The start date is after the end date.");
        }
    }

    private static void requireValidDates(LocalDate start, LocalDate end, LocalDate today) {
        requireOrderedDates(start, end);
        if (start.isBefore(today)) {
            throw new PhoenixException(ErrorCode.BACKDATED, "A substitution cannot start in the past.");
        }
    }

    private static void requireNotOver(Substitution substitution, LocalDate today) {
        if (substitution.cancelled() || substitution.isOverBy(today)) {
            throw new PhoenixException(ErrorCode.SUBSTITUTION_OVER, "This substitution is over.");
        }
    }

    private static void requireDistinct(UUID regular, UUID substitute) {
        if (Objects.equals(regular, substitute)) {
            throw new PhoenixException(ErrorCode.SAME_STAFF, "Nobody can substitute for themselves.");
        }
    }

    private static String validName(String name) {
        if (name == null || name.isBlank()) {
            throw new PhoenixException(ErrorCode.VALIDATION_FAILED, "A group needs a name.");
        }
        return name.trim();
    }

    private static void requireRoom(UUID roomId, KnownAggregates known) {
        if (roomId == null || !known.exists(Room.class, roomId)) {
            throw new PhoenixException(ErrorCode.ROOM_NOT_FOUND, "The home room does not exist.");
        }
    }

    /** A substitution as the group needs it to decide; counts on start .. lastDay. */
    private record Substitution(UUID id, SubstitutionKind kind, UUID regularStaffId, UUID substituteStaffId,
                                LocalDate start, LocalDate end, LocalDate lastDay, String reason, boolean cancelled) {

        boolean startsAfter(LocalDate day) {
            return start.isAfter(day);
        }

        boolean isOverBy(LocalDate day) {
            return lastDay.isBefore(day);
        }

        boolean overlaps(UUID substitute, LocalDate from, LocalDate to) {
            return !cancelled && substitute.equals(substituteStaffId) && !lastDay.isBefore(from) && !to.isBefore(start);
        }

        boolean matches(SubstitutionChanged change) {
            return change.substituteStaffId().equals(substituteStaffId) && change.startDate().equals(start)
                    && change.endDate().equals(end) && Objects.equals(change.reason(), reason);
        }

        Substitution changedTo(SubstitutionChanged change) {
            return new Substitution(id, kind, regularStaffId, change.substituteStaffId(), change.startDate(),
                    change.endDate(), change.endDate(), change.reason(), false);
        }

        Substitution endedAfter(LocalDate day) {
            return new Substitution(id, kind, regularStaffId, substituteStaffId, start, end, day, reason, false);
        }

        Substitution cancel() {
            return new Substitution(id, kind, regularStaffId, substituteStaffId, start, end, start.minusDays(1),
                    reason, true);
        }
    }
}
