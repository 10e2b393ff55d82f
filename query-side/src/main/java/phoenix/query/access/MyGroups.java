package phoenix.query.access;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.time.SchoolCalendar;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * A staff member's groups: those they lead, and those with a substitution or same-day transfer for them today
 * (Berlin date). Who sees a child's full details follows from it.
 */
@Component
public class MyGroups {

    private final JdbcClient jdbc;
    private final Clock clock;

    MyGroups(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Set<UUID> of(UUID staffId) {
        return jdbc.sql("""
                        SELECT group_id FROM education.group_teacher WHERE staff_id = :staff
                        UNION
                        SELECT group_id FROM schedule.substitutions
                         WHERE substitute_staff_id = :staff AND start_date <= :today AND last_day >= :today
                        """)
                .param("staff", staffId).param("today", today())
                .query(UUID.class).set();
    }

    public LocalDate today() {
        return SchoolCalendar.today(clock);
    }
}
