package phoenix.command.checkin;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.checkin.RecordTap;
import phoenix.api.checkin.TapAnswer;
import phoenix.api.checkin.VisitCause;
import phoenix.api.people.PersonKind;
import phoenix.api.tags.RfidTag;
import phoenix.api.time.SchoolCalendar;
import phoenix.command.dispatch.Aggregates;
import phoenix.command.groups.GroupHomeRooms;
import phoenix.command.people.Staff;
import phoenix.command.people.Student;
import phoenix.command.sessions.OpenVisits;
import phoenix.command.sessions.RunningSessions;
import phoenix.command.sessions.Session;
import phoenix.command.sessions.SessionsInUse;
import phoenix.command.tags.TagHolders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a tap is handled: the tap rules of ARCHITECTURE.md, in order. All aggregates a tap touches (the child's
 * day, the child, the sessions it leaves and enters) change in one unit of work: a transfer into a full room
 * changes nothing, and the child stays where it was.
 */
@Component
class Taps {

    private final ProcessedTaps processed;
    private final RecentTaps recent;
    private final TagHolders tags;
    private final OpenVisits openVisits;
    private final RunningSessions running;
    private final SessionsInUse sessions;
    private final GroupHomeRooms homeRooms;
    private final Repository<StudentDay> days;
    private final Repository<Student> students;
    private final Repository<Staff> staff;
    private final CheckInProperties properties;
    private final Clock clock;

    Taps(ProcessedTaps processed, RecentTaps recent, TagHolders tags, OpenVisits openVisits, RunningSessions running,
         SessionsInUse sessions, GroupHomeRooms homeRooms, Repository<StudentDay> days, Repository<Student> students,
         Repository<Staff> staff, CheckInProperties properties, Clock clock) {
        this.processed = processed;
        this.recent = recent;
        this.tags = tags;
        this.openVisits = openVisits;
        this.running = running;
        this.sessions = sessions;
        this.homeRooms = homeRooms;
        this.days = days;
        this.students = students;
        this.staff = staff;
        this.properties = properties;
        this.clock = clock;
    }

    @CommandHandler
    TapAnswer handle(RecordTap tap) {
        Optional<TapAnswer> earlier = processed.answerOf(tap.deviceId(), tap.tapId());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Instant now = clock.instant();
        Instant tappedAt = believable(tap.tappedAt(), now);
        // 1. the tag: unknown or unassigned changes nothing
        TagHolders.Holder holder = tags.holderOf(RfidTag.normalise(tap.tag()))
                .orElseThrow(() -> new PhoenixException(ErrorCode.UNKNOWN_TAG, "Dieses Band kennen wir nicht."));
        TapAnswer answer;
        if (recent.repeated(tap.deviceId(), holder.personId(), tappedAt, properties.debounce())) {
            answer = new TapAnswer(TapAnswer.NO_ACTION, null, null, "Schon erfasst.", null, null, false, null);
        } else if (holder.kind() == PersonKind.STAFF) {
            answer = supervisorTapped(tap.deviceId(), holder.personId(), now);
        } else {
            answer = studentTapped(tap, holder.personId(), now);
        }
        processed.remember(tap.deviceId(), tap.tapId(), holder.personId(), answer, now);
        return answer;
    }

    /** 2. Staff join the reader's running session as supervisors. */
    private TapAnswer supervisorTapped(String deviceId, UUID staffId, Instant now) {
        RunningSessions.Running session = running.ofDevice(deviceId)
                .orElseThrow(() -> new PhoenixException(ErrorCode.NO_ACTIVE_SESSION,
                        "Auf diesem Leser läuft keine Aktivität."));
        Aggregate<Session> supervised = sessions.load(session.sessionId());
        supervised.execute(it -> it.supervisorTapped(staffId));
        running.touch(session.sessionId(), now);
        String name = Aggregates.load(staff, staffId, ErrorCode.STAFF_NOT_FOUND).invoke(Staff::firstName);
        return new TapAnswer(TapAnswer.SUPERVISOR_AUTHENTICATED, null, null,
                "Hallo " + name + ", du betreust " + supervised.invoke(Session::activityName) + ".",
                supervised.invoke(Session::roomName), null, false, supervised.invoke(Session::activeStudents));
    }

    /** 3.–5. A child: out of this room, over from another room, or in. */
    private TapAnswer studentTapped(RecordTap tap, UUID studentId, Instant now) {
        Aggregate<StudentDay> day = Aggregates.loadOrCreate(days, StudentDay.id(studentId, SchoolCalendar.dateOf(now)),
                () -> new StudentDay(studentId, SchoolCalendar.dateOf(now)));
        Aggregate<Student> student = Aggregates.load(students, studentId, ErrorCode.STUDENT_NOT_FOUND);
        UUID roomId = tap.roomId() != null ? tap.roomId() : running.ofDevice(tap.deviceId())
                .map(RunningSessions.Running::roomId)
                .orElseThrow(() -> new PhoenixException(ErrorCode.ROOM_REQUIRED,
                        "Der Leser weiß nicht, in welchem Raum er ist."));
        Optional<OpenVisits.OpenVisit> open = openVisits.of(studentId);
        UUID targetId = sessions.runningIn(roomId, now);
        String firstName = student.invoke(Student::firstName);
        String fullName = student.invoke(Student::fullName);

        if (open.isPresent() && open.get().sessionId().equals(targetId)) {
            Aggregate<Session> session = sessions.load(targetId);
            session.execute(it -> it.checkOut(studentId, now, VisitCause.TAPPED, null));
            running.touch(targetId, now);
            boolean goingHome = isAfterDailyCheckoutTime(now)
                    && Optional.ofNullable(student.invoke(Student::groupId)).flatMap(homeRooms::of)
                    .map(roomId::equals).orElse(false);
            if (goingHome) {
                day.execute(it -> it.offerDailyCheckout(roomId, now));
            }
            return new TapAnswer(goingHome ? TapAnswer.CHECKED_OUT_DAILY : TapAnswer.CHECKED_OUT, studentId, fullName,
                    goingHome ? "Tschüss " + firstName + "! Gehst du nach Hause?" : "Bis später, " + firstName + "!",
                    session.invoke(Session::roomName), null, goingHome, session.invoke(Session::activeStudents));
        }
        if (open.isPresent()) {
            UUID fromId = open.get().sessionId();
            var pair = sessions.loadInOrder(fromId, targetId);
            Aggregate<Session> from = pair.get(fromId);
            Aggregate<Session> to = pair.get(targetId);
            // decided before anything changes: a full room leaves the child where it was
            to.execute(Session::requireRoomForOneMore);
            from.execute(it -> it.checkOut(studentId, now, VisitCause.TRANSFERRED, targetId));
            to.execute(it -> it.checkIn(studentId, now, VisitCause.TRANSFERRED, fromId));
            day.execute(it -> it.arrive(now));
            running.touch(targetId, now);
            String previous = from.invoke(Session::roomName);
            String room = to.invoke(Session::roomName);
            return new TapAnswer(TapAnswer.TRANSFERRED, studentId, fullName,
                    "Gewechselt von " + previous + " zu " + room + "!", room, previous, false,
                    to.invoke(Session::activeStudents));
        }
        Aggregate<Session> session = sessions.load(targetId);
        session.execute(it -> it.checkIn(studentId, now, VisitCause.TAPPED, null));
        day.execute(it -> it.arrive(now));
        student.execute(Student::checkedIn);
        running.touch(targetId, now);
        return new TapAnswer(TapAnswer.CHECKED_IN, studentId, fullName, "Hallo " + firstName + "!",
                session.invoke(Session::roomName), null, false, session.invoke(Session::activeStudents));
    }

    private boolean isAfterDailyCheckoutTime(Instant now) {
        LocalTime local = now.atZone(SchoolCalendar.ZONE).toLocalTime();
        return !local.isBefore(properties.dailyCheckoutTime());
    }

    /** A reader's clock may be wrong: a tap from the future happened now. */
    private Instant believable(Instant tappedAt, Instant now) {
        return tappedAt == null || tappedAt.isAfter(now.plus(properties.maxClockSkew())) ? now : tappedAt;
    }
}
