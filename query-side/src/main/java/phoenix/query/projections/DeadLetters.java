package phoenix.query.projections;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.query.paging.Page;
import phoenix.query.paging.PageRequest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The projections' dead letters as an admin sees them (listed from Axon's table), retried or evicted through Axon's
 * own queue and processor of their projection.
 */
@Component
public class DeadLetters {

    /** One failed event of a projection, and the ones of the same aggregate queued behind it. */
    public record Letter(String id, String processor, String eventType, String aggregateId, Long globalPosition,
                         long sequenceIndex, String causeType, String causeMessage, Instant enqueuedAt,
                         Instant lastTouched, int retries, Instant nextRetryAt) {
    }

    /** A retry right now: whether the letter's sequence went through, and the letter if it is still there. */
    public record Retried(boolean healed, Letter letter) {
    }

    private record Counts(long takenAt, Map<String, Long> perProcessor) {
    }

    private static final String SELECT = """
            SELECT d.dead_letter_id, d.processing_group, d.sequence_identifier, d.sequence_index, d.payload_type,
                   d.aggregate_identifier, e.global_index, d.cause_type, d.cause_message, d.enqueued_at,
                   d.last_touched, d.diagnostics
              FROM eventstore.dead_letter_entry d
              LEFT JOIN eventstore.domain_event_entry e ON e.event_identifier = d.event_identifier
            """;

    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;
    private final Serializer eventSerializer;
    private final DeadLetterBackOff backOff;
    private final Duration refresh;
    private volatile Counts counts;

    DeadLetters(JdbcClient jdbc, EventProcessingConfiguration processing,
                @Qualifier("eventSerializer") Serializer eventSerializer, DeadLetterBackOff backOff,
                ProjectionProperties properties) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.eventSerializer = eventSerializer;
        this.backOff = backOff;
        this.refresh = properties.lagRefresh();
    }

    /** Oldest first; {@code processor} narrows it to one projection. */
    public Page<Letter> list(String processor, PageRequest request) {
        long total = jdbc.sql("""
                        SELECT count(*) FROM eventstore.dead_letter_entry
                         WHERE CAST(:processor AS varchar) IS NULL OR processing_group = :processor
                        """)
                .param("processor", processor).query(Long.class).single();
        return request.of(jdbc.sql(SELECT + """
                         WHERE CAST(:processor AS varchar) IS NULL OR d.processing_group = :processor
                         ORDER BY CAST(d.enqueued_at AS timestamptz), d.processing_group, d.sequence_identifier,
                                  d.sequence_index
                         LIMIT :size OFFSET :offset
                        """)
                .param("processor", processor).param("size", request.size()).param("offset", request.offset())
                .query(this::letter).list(), total);
    }

    public Letter get(String id) {
        return find(id).orElseThrow(DeadLetters::notFound);
    }

    /** Processes the letter's sequence now (from its first letter on), whatever its back-off says. */
    public Retried retry(String id) {
        Letter letter = get(id);
        String sequence = sequenceOf(id).orElseThrow(DeadLetters::notFound);
        boolean healed = processing.sequencedDeadLetterProcessor(letter.processor())
                .map(letters -> letters.process(first -> first instanceof JdbcDeadLetter<?> jdbcLetter
                        && jdbcLetter.getSequenceIdentifier().equals(sequence)))
                .orElse(false);
        counts = null;
        return new Retried(healed, find(id).orElse(null));
    }

    /** Removes the letter for good: its event is not projected (the rest of its sequence stays queued). */
    public void evict(String id) {
        Letter letter = get(id);
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(letter.processor())
                .orElseThrow(DeadLetters::notFound);
        String sequence = sequenceOf(id).orElseThrow(DeadLetters::notFound);
        for (DeadLetter<? extends EventMessage<?>> queued : queue.deadLetterSequence(sequence)) {
            if (queued instanceof JdbcDeadLetter<?> jdbcLetter && jdbcLetter.getIdentifier().equals(id)) {
                queue.evict(queued);
                counts = null;
                return;
            }
        }
        throw notFound();
    }

    /** Letters per projection (every projection named, 0 when it has none); measured at most every few seconds. */
    public Map<String, Long> countPerProcessor() {
        Counts current = counts;
        if (current == null || System.nanoTime() - current.takenAt() > refresh.toNanos()) {
            Map<String, Long> perProcessor = new HashMap<>();
            processing.eventProcessors().keySet().forEach(processor -> perProcessor.put(processor, 0L));
            jdbc.sql("SELECT processing_group, count(*) FROM eventstore.dead_letter_entry GROUP BY processing_group")
                    .query(rs -> {
                        perProcessor.put(rs.getString(1), rs.getLong(2));
                    });
            current = new Counts(System.nanoTime(), Map.copyOf(perProcessor));
            counts = current;
        }
        return current.perProcessor();
    }

    private Optional<Letter> find(String id) {
        return jdbc.sql(SELECT + " WHERE d.dead_letter_id = ?").param(id).query(this::letter).optional();
    }

    private Optional<String> sequenceOf(String id) {
        return jdbc.sql("SELECT sequence_identifier FROM eventstore.dead_letter_entry WHERE dead_letter_id = ?")
                .param(id).query(String.class).optional();
    }

    private Letter letter(ResultSet rs, int row) throws SQLException {
        MetaData diagnostics = diagnostics(rs.getBytes("diagnostics"));
        int retries = DeadLetterBackOff.retries(diagnostics);
        Instant lastTouched = instant(rs.getString("last_touched"));
        return new Letter(rs.getString("dead_letter_id"), rs.getString("processing_group"),
                simpleName(rs.getString("payload_type")), rs.getString("aggregate_identifier"),
                rs.getObject("global_index", Long.class), rs.getLong("sequence_index"),
                DeadLetterBackOff.causeType(diagnostics).orElse(rs.getString("cause_type")),
                rs.getString("cause_message"), instant(rs.getString("enqueued_at")), lastTouched, retries,
                lastTouched == null ? null : backOff.dueAt(lastTouched, retries));
    }

    private MetaData diagnostics(byte[] serialized) {
        if (serialized == null) {
            return MetaData.emptyInstance();
        }
        MetaData diagnostics = eventSerializer.deserialize(
                new SimpleSerializedObject<>(serialized, byte[].class, MetaData.class.getName(), null));
        return diagnostics == null ? MetaData.emptyInstance() : diagnostics;
    }

    private static Instant instant(String stored) {
        return stored == null ? null : DateTimeUtils.parseInstant(stored);
    }

    private static String simpleName(String type) {
        return type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
    }

    private static PhoenixException notFound() {
        return new PhoenixException(ErrorCode.DEAD_LETTER_NOT_FOUND, "There is no such dead letter.");
    }
}
