package phoenix.query.education;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.groups.GroupCreated;
import phoenix.api.groups.GroupDeleted;
import phoenix.api.groups.GroupHomeRoomChanged;
import phoenix.api.groups.GroupRenamed;
import phoenix.api.groups.GroupTeachersChanged;
import phoenix.query.projections.Projector;
import phoenix.query.projections.ReadTables;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/** The only writer of education.groups and education.group_teacher. */
@Component
@ProcessingGroup(EducationProjector.PROJECTION)
class EducationProjector implements Projector {

    static final String PROJECTION = "education";
    /** The tables it alone writes, parents first. */
    static final ReadTables TABLES = ReadTables.of("education.groups", "education.group_teacher");

    private final JdbcClient jdbc;

    EducationProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(GroupCreated event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO education.groups (id, name, home_room_id, created_at, updated_at)
                        VALUES (:id, :name, :room, :at, :at)
                        ON CONFLICT (id) DO UPDATE SET name = :name, home_room_id = :room
                        """)
                .param("id", event.groupId()).param("name", event.name()).param("room", event.homeRoomId())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
        teachers(event.groupId(), event.teacherIds());
    }

    @EventHandler
    void on(GroupRenamed event, @Timestamp Instant at) {
        jdbc.sql("UPDATE education.groups SET name = ?, updated_at = ? WHERE id = ?")
                .param(event.name()).param(at.atOffset(ZoneOffset.UTC)).param(event.groupId()).update();
    }

    @EventHandler
    void on(GroupHomeRoomChanged event, @Timestamp Instant at) {
        jdbc.sql("UPDATE education.groups SET home_room_id = ?, updated_at = ? WHERE id = ?")
                .param(event.homeRoomId()).param(at.atOffset(ZoneOffset.UTC)).param(event.groupId()).update();
    }

    @EventHandler
    void on(GroupTeachersChanged event) {
        teachers(event.groupId(), event.teacherIds());
    }

    @EventHandler
    void on(GroupDeleted event) {
        jdbc.sql("DELETE FROM education.groups WHERE id = ?").param(event.groupId()).update();
    }

    @Override
    public ReadTables tables() {
        return TABLES;
    }

    @ResetHandler
    void reset() {
        TABLES.deleteAll(jdbc);
    }

    private void teachers(UUID groupId, Set<UUID> teacherIds) {
        jdbc.sql("DELETE FROM education.group_teacher WHERE group_id = ?").param(groupId).update();
        for (UUID teacher : teacherIds) {
            jdbc.sql("INSERT INTO education.group_teacher (group_id, staff_id) VALUES (?, ?)")
                    .param(groupId).param(teacher).update();
        }
    }
}
