package phoenix.query.schedule;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.substitutions.GroupHandedOverForToday;
import phoenix.api.substitutions.SubstitutionCancelled;
import phoenix.api.substitutions.SubstitutionChanged;
import phoenix.api.substitutions.SubstitutionEnded;
import phoenix.api.substitutions.SubstitutionKind;
import phoenix.api.substitutions.SubstitutionPlanned;
import phoenix.query.projections.Projector;
import phoenix.query.projections.ReadTables;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/** The only writer of schedule.substitutions: planned substitutions and same-day transfers. */
@Component
@ProcessingGroup(ScheduleProjector.PROJECTION)
class ScheduleProjector implements Projector {

    static final String PROJECTION = "schedule";
    /** The tables it alone writes, parents first. */
    static final ReadTables TABLES = ReadTables.of("schedule.substitutions");

    private final JdbcClient jdbc;

    ScheduleProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SubstitutionPlanned event, @Timestamp Instant at) {
        insert(event.substitutionId(), event.groupId(), SubstitutionKind.PLANNED, event.regularStaffId(),
                event.substituteStaffId(), event.startDate(), event.endDate(), event.reason(), at);
    }

    @EventHandler
    void on(GroupHandedOverForToday event, @Timestamp Instant at) {
        insert(event.substitutionId(), event.groupId(), SubstitutionKind.SAME_DAY_TRANSFER, event.leaderStaffId(),
                event.targetStaffId(), event.date(), event.date(), null, at);
    }

    @EventHandler
    void on(SubstitutionChanged event, @Timestamp Instant at) {
        jdbc.sql("""
                        UPDATE schedule.substitutions SET substitute_staff_id = :substitute, start_date = :start,
                            end_date = :end, last_day = :end, reason = :reason, updated_at = :at
                        WHERE id = :id
                        """)
                .param("id", event.substitutionId()).param("substitute", event.substituteStaffId())
                .param("start", event.startDate()).param("end", event.endDate()).param("reason", event.reason())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    @EventHandler
    void on(SubstitutionEnded event, @Timestamp Instant at) {
        jdbc.sql("""
                        UPDATE schedule.substitutions SET status = 'ENDED', last_day = ?, end_reason = ?, updated_at = ?
                        WHERE id = ?
                        """)
                .param(event.lastDay()).param(event.reason().name()).param(at.atOffset(ZoneOffset.UTC))
                .param(event.substitutionId())
                .update();
    }

    @EventHandler
    void on(SubstitutionCancelled event, @Timestamp Instant at) {
        jdbc.sql("""
                        UPDATE schedule.substitutions SET status = 'CANCELLED', last_day = start_date - 1,
                            end_reason = ?, updated_at = ?
                        WHERE id = ?
                        """)
                .param(event.reason().name()).param(at.atOffset(ZoneOffset.UTC)).param(event.substitutionId())
                .update();
    }

    @Override
    public ReadTables tables() {
        return TABLES;
    }

    @ResetHandler
    void reset() {
        TABLES.deleteAll(jdbc);
    }

    private void insert(UUID id, UUID groupId, SubstitutionKind kind, UUID regular, UUID substitute, LocalDate start,
                        LocalDate end, String reason, Instant at) {
        jdbc.sql("""
                        INSERT INTO schedule.substitutions (id, group_id, kind, regular_staff_id, substitute_staff_id,
                            start_date, end_date, last_day, status, reason, created_at, updated_at)
                        VALUES (:id, :group, :kind, :regular, :substitute, :start, :end, :end, 'PLANNED', :reason,
                            :at, :at)
                        ON CONFLICT (id) DO NOTHING
                        """)
                .param("id", id).param("group", groupId).param("kind", kind.name()).param("regular", regular)
                .param("substitute", substitute).param("start", start).param("end", end).param("reason", reason)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }
}
