package phoenix.query.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.DataSubjects;
import phoenix.platform.axon.ActorMetaData;

import java.sql.Timestamp;
import java.util.UUID;

/**
 * Writes every event of the event store into audit.event_log, the append-only trail compliance officers read:
 * position, type, time, actor, correlation id, data subjects and payload. Idempotent: a replayed event finds its
 * position taken and adds nothing (the table refuses updates anyway). No reset handler: the log is never emptied.
 */
@Component
@ProcessingGroup(AuditLogProjector.PROJECTION)
class AuditLogProjector {

    static final String PROJECTION = "audit";

    private final JdbcClient jdbc;
    private final Serializer eventSerializer;

    AuditLogProjector(JdbcClient jdbc, @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.jdbc = jdbc;
        this.eventSerializer = eventSerializer;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event, TrackingToken token) {
        MetaData metaData = event.getMetaData();
        DomainEventMessage<?> domainEvent = event instanceof DomainEventMessage<?> d ? d : null;
        jdbc.sql("""
                        INSERT INTO audit.event_log (global_position, event_id, event_type, aggregate_type,
                            aggregate_identifier, sequence_number, occurred_at, actor_type, actor_id, actor_role,
                            correlation_id, data_subjects, payload)
                        VALUES (:position, :eventId, :type, :aggregateType, :aggregateId, :sequence, :occurredAt,
                            :actorType, :actorId, :actorRole, :correlationId, :subjects, CAST(:payload AS jsonb))
                        ON CONFLICT (global_position) DO NOTHING
                        """)
                .param("position", token.position().orElseThrow())
                .param("eventId", event.getIdentifier())
                .param("type", event.getPayloadType().getSimpleName())
                .param("aggregateType", domainEvent == null ? null : domainEvent.getType())
                .param("aggregateId", domainEvent == null ? null : domainEvent.getAggregateIdentifier())
                .param("sequence", domainEvent == null ? null : domainEvent.getSequenceNumber())
                .param("occurredAt", Timestamp.from(event.getTimestamp()))
                .param("actorType", String.valueOf(metaData.getOrDefault(ActorMetaData.ACTOR_TYPE, "SYSTEM")))
                .param("actorId", (String) metaData.get(ActorMetaData.ACTOR_ID))
                .param("actorRole", (String) metaData.get(ActorMetaData.ACTOR_ROLE))
                .param("correlationId", (String) metaData.get(ActorMetaData.CORRELATION_ID))
                .param("subjects", DataSubjects.of(payload).toArray(UUID[]::new))
                .param("payload", event.serializePayload(eventSerializer, String.class).getData())
                .update();
    }
}
