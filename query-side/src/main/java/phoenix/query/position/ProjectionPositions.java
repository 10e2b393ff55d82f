package phoenix.query.position;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a projection has handled the event at a global position. Every segment of its processor must have passed
 * the position. Segments this node works on are read from memory (they advance at once, also past events they do
 * not own); segments claimed by other nodes from their stored tokens.
 */
@Component
public class ProjectionPositions {

    private record StoredToken(int segment, TrackingToken token) {
    }

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final Serializer serializer;

    ProjectionPositions(EventProcessingConfiguration processing, JdbcClient jdbc, Serializer serializer) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The projections of this app (their processing groups). */
    public Set<String> all() {
        return processing.eventProcessors().keySet();
    }

    public boolean reached(Collection<String> processors, long position) {
        return processors.stream().allMatch(processor -> reached(processor, position));
    }

    private boolean reached(String processor, long position) {
        Map<Integer, EventTrackerStatus> local = processing.eventProcessor(processor, StreamingEventProcessor.class)
                .map(StreamingEventProcessor::processingStatus)
                .orElse(Map.of());
        List<StoredToken> segments = stored(processor);
        if (segments.isEmpty()) {
            return false;
        }
        return segments.stream().allMatch(stored -> {
            EventTrackerStatus status = local.get(stored.segment());
            TrackingToken token = status != null && !status.isErrorState() ? status.getTrackingToken() : stored.token();
            return covers(token, position);
        });
    }

    static boolean covers(TrackingToken token, long position) {
        TrackingToken progress = WrappedToken.unwrapLowerBound(token);
        if (progress == null) {
            return false;
        }
        if (progress instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return progress.position().orElse(-1) >= position;
    }

    private List<StoredToken> stored(String processor) {
        return jdbc.sql("SELECT segment, token, token_type FROM eventstore.token_entry WHERE processor_name = ?")
                .param(processor)
                .query((rs, row) -> new StoredToken(rs.getInt("segment"),
                        deserialize(rs.getBytes("token"), rs.getString("token_type")).orElse(null)))
                .list();
    }

    private Optional<TrackingToken> deserialize(byte[] token, String type) {
        if (token == null || type == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null)));
    }
}
