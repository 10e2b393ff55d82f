package phoenix.api.checkin;

import phoenix.api.DataSubject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The child is no longer in the building on this day. */
public record AttendanceClosed(@DataSubject UUID studentId, LocalDate day, Instant closedAt, Reason reason) {

    public enum Reason {
        /** Confirmed "home" on the reader. */
        WENT_HOME,
        /** Staff checked the child out. */
        CHECKED_OUT_BY_STAFF,
        /** Still open at the end of the day: closed by the system. */
        AUTO
    }
}
