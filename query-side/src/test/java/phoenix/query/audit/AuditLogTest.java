package phoenix.query.audit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import phoenix.api.people.StudentRegistered;
import phoenix.api.rooms.RoomDetails;
import phoenix.api.rooms.RoomRegistered;
import phoenix.query.QuerySideTest;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class AuditLogTest extends QuerySideTest {

    @Autowired
    private EventProcessingConfiguration processing;

    private Map<String, Object> logged(long position) {
        await().until(() -> jdbc.sql("SELECT count(*) FROM audit.event_log WHERE global_position = ?")
                .param(position).query(Long.class).single() == 1);
        return jdbc.sql("""
                        SELECT event_type, aggregate_type, aggregate_identifier, sequence_number, actor_type, actor_id,
                               actor_role, correlation_id, array_to_string(data_subjects, ',') AS subjects,
                               payload::text AS payload
                        FROM audit.event_log WHERE global_position = ?
                        """)
                .param(position).query().singleRow();
    }

    @Test
    void everyEventIsLoggedWithActorCorrelationSubjectsAndPayload() {
        UUID student = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        long position = append("Student", student, new StudentRegistered(student, "Mia", "Sommer", "1a", null),
                Map.of("actorType", "USER", "actorId", account.toString(), "actorRole", "ADMIN",
                        "correlationId", "corr-77"));

        Map<String, Object> row = logged(position);

        assertThat(row).containsEntry("event_type", "StudentRegistered")
                .containsEntry("aggregate_type", "Student")
                .containsEntry("aggregate_identifier", student.toString())
                .containsEntry("sequence_number", 0L)
                .containsEntry("actor_type", "USER")
                .containsEntry("actor_id", account.toString())
                .containsEntry("actor_role", "ADMIN")
                .containsEntry("correlation_id", "corr-77")
                .containsEntry("subjects", student.toString());
        assertThat((String) row.get("payload")).contains("\"firstName\": \"Mia\"");
    }

    @Test
    void eventsAboutNoPersonHaveNoSubjectsAndEventsWithoutActorAreTheSystems() {
        UUID room = UUID.randomUUID();
        long position = append("Room", room, new RoomRegistered(room, new RoomDetails("Aula " + room, null, null, 9, null)),
                Map.of());

        Map<String, Object> row = logged(position);

        assertThat(row).containsEntry("subjects", "").containsEntry("actor_type", "SYSTEM");
        assertThat(row.get("actor_id")).isNull();
    }

    @Test
    void replayingTheAuditLogAddsNoDuplicates() {
        UUID room = UUID.randomUUID();
        long position = append("Room", room, new RoomRegistered(room, new RoomDetails("Saal " + room, null, null, 9, null)));
        logged(position);
        long before = jdbc.sql("SELECT count(*) FROM audit.event_log").query(Long.class).single();

        StreamingEventProcessor audit = processing.eventProcessor("audit", StreamingEventProcessor.class).orElseThrow();
        audit.shutDown();
        audit.resetTokens();
        audit.start();
        await().until(() -> !audit.isReplaying() && !audit.processingStatus().isEmpty() && audit.processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= position));

        assertThat(jdbc.sql("SELECT count(*) FROM audit.event_log").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteTheLog() {
        UUID room = UUID.randomUUID();
        long position = append("Room", room, new RoomRegistered(room, new RoomDetails("Flur " + room, null, null, 9, null)));
        logged(position);

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit.event_log SET actor_id = 'someone' WHERE global_position = ?")
                .param(position).update()).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit.event_log WHERE global_position = ?")
                .param(position).update()).hasStackTraceContaining("append-only");
    }
}
