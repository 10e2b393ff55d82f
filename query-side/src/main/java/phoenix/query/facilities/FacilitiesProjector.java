package phoenix.query.facilities;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.rooms.RoomDetails;
import phoenix.api.rooms.RoomDetailsChanged;
import phoenix.api.rooms.RoomRegistered;
import phoenix.query.projections.Projector;
import phoenix.query.projections.ReadTables;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** The only writer of the facilities schema's read tables. */
@Component
@ProcessingGroup(FacilitiesProjector.PROJECTION)
class FacilitiesProjector implements Projector {

    static final String PROJECTION = "facilities";
    /** The tables it alone writes, parents first. */
    static final ReadTables TABLES = ReadTables.of("facilities.rooms");

    private final JdbcClient jdbc;

    FacilitiesProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RoomRegistered event, @Timestamp Instant occurredAt) {
        upsert(event.roomId(), event.details(), occurredAt);
    }

    @EventHandler
    void on(RoomDetailsChanged event, @Timestamp Instant occurredAt) {
        upsert(event.roomId(), event.details(), occurredAt);
    }

    @Override
    public ReadTables tables() {
        return TABLES;
    }

    @ResetHandler
    void reset() {
        TABLES.deleteAll(jdbc);
    }

    private void upsert(UUID roomId, RoomDetails details, Instant at) {
        jdbc.sql("""
                        INSERT INTO facilities.rooms (id, name, building, floor, capacity, category, registered_at, updated_at)
                        VALUES (:id, :name, :building, :floor, :capacity, :category, :at, :at)
                        ON CONFLICT (id) DO UPDATE SET name = :name, building = :building, floor = :floor,
                            capacity = :capacity, category = :category, updated_at = :at
                        """)
                .param("id", roomId)
                .param("name", details.name())
                .param("building", details.building())
                .param("floor", details.floor())
                .param("capacity", details.capacity())
                .param("category", details.category())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }
}
