package phoenix.api.checkin;

import phoenix.api.DataSubject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** After the daily checkout time the child tapped out of its group's home room: the reader offers "home". */
public record DailyCheckoutOffered(@DataSubject UUID studentId, LocalDate day, UUID roomId, Instant offeredAt) {
}
