package phoenix.api.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Business dates are Berlin dates: "today" between 23:00 and 01:00 UTC is not the UTC date. Every "today",
 * "active on", "until the end of today" in Phoenix is computed here, from an injected clock.
 */
public final class SchoolCalendar {

    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private SchoolCalendar() {
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    public static LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }
}
