package phoenix.query.activities;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.activities.ActivityDetails;
import phoenix.api.activities.ActivityDetailsChanged;
import phoenix.api.activities.ActivityRegistered;
import phoenix.query.projections.Projector;
import phoenix.query.projections.ReadTables;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** The only writer of the activities schema: activities ("groups") and the categories they use. */
@Component
@ProcessingGroup(ActivitiesProjector.PROJECTION)
class ActivitiesProjector implements Projector {

    static final String PROJECTION = "activities";
    /** The tables it alone writes, parents first. */
    static final ReadTables TABLES = ReadTables.of("activities.categories", "activities.groups");

    private final JdbcClient jdbc;

    ActivitiesProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ActivityRegistered event, @Timestamp Instant at) {
        upsert(event.activityId(), event.details(), at);
    }

    @EventHandler
    void on(ActivityDetailsChanged event, @Timestamp Instant at) {
        upsert(event.activityId(), event.details(), at);
    }

    @Override
    public ReadTables tables() {
        return TABLES;
    }

    @ResetHandler
    void reset() {
        TABLES.deleteAll(jdbc);
    }

    private void upsert(UUID id, ActivityDetails details, Instant at) {
        jdbc.sql("INSERT INTO activities.categories (name, first_used_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .param(details.category()).param(at.atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("""
                        INSERT INTO activities.groups
                            (id, name, category, max_participants, planned_room_id, registered_at, updated_at)
                        VALUES (:id, :name, :category, :max, :room, :at, :at)
                        ON CONFLICT (id) DO UPDATE SET name = :name, category = :category, max_participants = :max,
                            planned_room_id = :room, updated_at = :at
                        """)
                .param("id", id).param("name", details.name()).param("category", details.category())
                .param("max", details.maxParticipants()).param("room", details.plannedRoomId())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }
}
