package phoenix.command.checkin;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.checkin.AttendanceClosed;
import phoenix.api.checkin.CheckInStudent;
import phoenix.api.checkin.CheckOutStudent;
import phoenix.api.checkin.ConfirmDailyCheckout;
import phoenix.api.checkin.TapAnswer;
import phoenix.api.checkin.VisitCause;
import phoenix.api.people.PersonKind;
import phoenix.api.tags.RfidTag;
import phoenix.api.time.SchoolCalendar;
import phoenix.command.dispatch.Aggregates;
import phoenix.command.groups.OgsGroup;
import phoenix.command.people.Student;
import phoenix.command.sessions.OpenVisits;
import phoenix.command.sessions.Session;
import phoenix.command.sessions.SessionsInUse;
import phoenix.command.tags.TagHolders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * Coming and going other than by tapping into a room: the child confirms "home" on the reader, staff check a child
 * in by hand or send it home. Going home ends the child's visit and closes its attendance, together.
 */
@Component
class Presence {

    private final TagHolders tags;
    private final OpenVisits openVisits;
    private final SessionsInUse sessions;
    private final Repository<StudentDay> days;
    private final Repository<Student> students;
    private final Repository<OgsGroup> groups;
    private final Clock clock;

    Presence(TagHolders tags, OpenVisits openVisits, SessionsInUse sessions, Repository<StudentDay> days,
             Repository<Student> students, Repository<OgsGroup> groups, Clock clock) {
        this.tags = tags;
        this.openVisits = openVisits;
        this.sessions = sessions;
        this.days = days;
        this.students = students;
        this.groups = groups;
        this.clock = clock;
    }

    /** "home" closes today's attendance (twice changes nothing more); "in transit" changes nothing. */
    @CommandHandler
    TapAnswer handle(ConfirmDailyCheckout command) {
        UUID studentId = tags.holderOf(RfidTag.normalise(command.tag()))
                .filter(holder -> holder.kind() == PersonKind.STUDENT)
                .map(TagHolders.Holder::personId)
                .orElseThrow(() -> new PhoenixException(ErrorCode.UNKNOWN_TAG, "Dieses Band kennen wir nicht."));
        Instant now = clock.instant();
        Aggregate<StudentDay> day = today(studentId, now)
                .filter(it -> it.invoke(StudentDay::wasEverOpened))
                .orElseThrow(() -> new PhoenixException(ErrorCode.NO_ATTENDANCE_TODAY,
                        "Heute noch nicht angemeldet."));
        String firstName = Aggregates.load(students, studentId, ErrorCode.STUDENT_NOT_FOUND).invoke(Student::firstName);
        if (command.destination() == ConfirmDailyCheckout.Destination.IN_TRANSIT) {
            return new TapAnswer(TapAnswer.IN_TRANSIT, studentId, null, "Bis später, " + firstName + "!", null, null,
                    false, null);
        }
        goHome(studentId, day, now, VisitCause.WENT_HOME, AttendanceClosed.Reason.WENT_HOME);
        return new TapAnswer(TapAnswer.WENT_HOME, studentId, null, "Tschüss " + firstName + "!", null, null, false,
                null);
    }

    /** Allowed to the leaders and today's substitutes of the child's group, and to the session's supervisors. */
    @CommandHandler
    void handle(CheckInStudent command) {
        Instant now = clock.instant();
        Aggregate<Session> session = sessions.load(command.sessionId());
        if (!session.invoke(Session::isRunning)) {
            throw new PhoenixException(ErrorCode.SESSION_ENDED, "This session has ended.");
        }
        Aggregate<Student> student = Aggregates.load(students, command.studentId(), ErrorCode.STUDENT_NOT_FOUND);
        requireMayCheckIn(command.staffId(), student.invoke(Student::groupId), session, now);
        if (openVisits.of(command.studentId()).isPresent()) {
            throw new PhoenixException(ErrorCode.ALREADY_PRESENT, "The child is checked in already.");
        }
        session.execute(it -> it.checkIn(command.studentId(), now, VisitCause.BY_STAFF, null));
        Aggregates.loadOrCreate(days, StudentDay.id(command.studentId(), SchoolCalendar.dateOf(now)),
                        () -> new StudentDay(command.studentId(), SchoolCalendar.dateOf(now)))
                .execute(it -> it.arrive(now));
        student.execute(Student::checkedIn);
    }

    /** Any staff member may send a child home that is here today. */
    @CommandHandler
    void handle(CheckOutStudent command) {
        Instant now = clock.instant();
        Aggregates.load(students, command.studentId(), ErrorCode.STUDENT_NOT_FOUND);
        Aggregate<StudentDay> day = today(command.studentId(), now)
                .filter(it -> it.invoke(StudentDay::isOpen))
                .orElseThrow(() -> new PhoenixException(ErrorCode.NOT_PRESENT, "The child is not here today."));
        goHome(command.studentId(), day, now, VisitCause.BY_STAFF, AttendanceClosed.Reason.CHECKED_OUT_BY_STAFF);
    }

    private void goHome(UUID studentId, Aggregate<StudentDay> day, Instant now, VisitCause cause,
                        AttendanceClosed.Reason reason) {
        openVisits.of(studentId).ifPresent(visit ->
                sessions.load(visit.sessionId()).execute(it -> it.checkOut(studentId, now, cause, null)));
        day.execute(it -> it.close(now, reason));
    }

    private Optional<Aggregate<StudentDay>> today(UUID studentId, Instant now) {
        try {
            return Optional.of(days.load(StudentDay.id(studentId, SchoolCalendar.dateOf(now))));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }

    private void requireMayCheckIn(UUID staffId, UUID groupId, Aggregate<Session> session, Instant now) {
        if (staffId != null && session.invoke(it -> it.isSupervisedBy(staffId))) {
            return;
        }
        LocalDate today = SchoolCalendar.dateOf(now);
        boolean groupStaff = staffId != null && groupId != null
                && Aggregates.load(groups, groupId, ErrorCode.GROUP_NOT_FOUND)
                .invoke(group -> group.grantsAccessTo(staffId, today));
        if (!groupStaff) {
            throw new PhoenixException(ErrorCode.FORBIDDEN,
                    "Only the child's group leaders, today's substitutes and the session's supervisors check it in.");
        }
    }
}
