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
import java.util.OptionalLong;
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
        List<TrackingToken> segments = segmentTokens(processor);
        return !segments.isEmpty() && segments.stream().allMatch(token -> covers(token, position));
    }

    /**
     * How far the processor has got: the lowest position over its segments (every segment has handled, or skipped,
     * each event up to it); empty while it has no token yet.
     */
    public OptionalLong position(String processor) {
        List<TrackingToken> segments = segmentTokens(processor);
        if (segments.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(segments.stream().mapToLong(ProjectionPositions::positionOf).min().orElseThrow());
    }

    /** The global position a segment's token has got to; 0 before its first event. */
    public static long positionOf(TrackingToken token) {
        TrackingToken progress = WrappedToken.unwrapLowerBound(token);
        return progress == null ? 0 : progress.position().orElse(0);
    }

    /** One token per segment: from memory for the segments this node works on, else as stored. */
    private List<TrackingToken> segmentTokens(String processor) {
        Map<Integer, EventTrackerStatus> local = processing.eventProcessor(processor, StreamingEventProcessor.class)
                .map(StreamingEventProcessor::processingStatus)
                .orElse(Map.of());
        return stored(processor).stream().map(stored -> {
            EventTrackerStatus status = local.get(stored.segment());
            return status != null && !status.isErrorState() ? status.getTrackingToken() : stored.token();
        }).toList();
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
