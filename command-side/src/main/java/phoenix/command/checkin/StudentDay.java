package phoenix.command.checkin;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import phoenix.api.checkin.AttendanceClosed;
import phoenix.api.checkin.AttendanceOpened;
import phoenix.api.checkin.CloseAttendance;
import phoenix.api.checkin.DailyCheckoutOffered;
import phoenix.api.time.SchoolCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One child on one Berlin day: whether it is in the building (attendance). Leaving a room is not going home: only
 * an explicit "home" (or staff, or the end of the day) closes attendance.
 */
@Aggregate
public class StudentDay {

    @AggregateIdentifier
    private String id;
    private UUID studentId;
    private LocalDate day;
    private boolean open;
    private boolean everOpened;

    protected StudentDay() {
        // for Axon
    }

    /** A day without events yet: it is created with its first event. */
    StudentDay(UUID studentId, LocalDate day) {
        this.id = id(studentId, day);
        this.studentId = studentId;
        this.day = day;
    }

    public static String id(UUID studentId, LocalDate day) {
        return studentId + "/" + day;
    }

    /** At the end of the day, attendance still open is closed by the system, as of midnight. */
    @CommandHandler
    void handle(CloseAttendance command) {
        close(day.plusDays(1).atStartOfDay(SchoolCalendar.ZONE).toInstant(), AttendanceClosed.Reason.AUTO);
    }

    /** The child checked in: the first check-in of the day, or one after going home, opens attendance. */
    void arrive(Instant at) {
        if (!open) {
            apply(new AttendanceOpened(studentId, day, at, everOpened));
        }
    }

    void offerDailyCheckout(UUID roomId, Instant at) {
        apply(new DailyCheckoutOffered(studentId, day, roomId, at));
    }

    void close(Instant at, AttendanceClosed.Reason reason) {
        if (open) {
            apply(new AttendanceClosed(studentId, day, at, reason));
        }
    }

    boolean isOpen() {
        return open;
    }

    boolean wasEverOpened() {
        return everOpened;
    }

    @EventSourcingHandler
    void on(AttendanceOpened event) {
        id = id(event.studentId(), event.day());
        studentId = event.studentId();
        day = event.day();
        open = true;
        everOpened = true;
    }

    @EventSourcingHandler
    void on(DailyCheckoutOffered event) {
        id = id(event.studentId(), event.day());
        studentId = event.studentId();
        day = event.day();
    }

    @EventSourcingHandler
    void on(AttendanceClosed event) {
        open = false;
    }
}
