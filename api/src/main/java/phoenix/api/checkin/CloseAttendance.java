package phoenix.api.checkin;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.UUID;

/** The system closes attendance still open at the end of its day. */
public record CloseAttendance(UUID studentId, LocalDate day) {

    /** The child's day, as the StudentDay aggregate is known. */
    @TargetAggregateIdentifier
    public String studentDayId() {
        return studentId + "/" + day;
    }
}
