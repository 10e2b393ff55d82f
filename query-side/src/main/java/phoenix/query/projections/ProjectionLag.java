package phoenix.query.projections;

import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.query.position.ProjectionPositions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far each projection is behind the event store: its position (the lowest of its segments), the head (the
 * highest global index), the events between them, and how long the first of those has been waiting (zero when it
 * has caught up). Measured at most every {@code phoenix.query.lag-refresh}: health, metrics and the admin API share it.
 */
@Component
public class ProjectionLag {

    /** @param behind how long ago the oldest event the projection has not handled was appended */
    public record Lag(long position, long head, long events, Duration behind) {
    }

    private record Measured(long takenAt, Map<String, Lag> perProcessor) {
    }

    private final ProjectionPositions positions;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration refresh;
    private volatile Measured measured;

    ProjectionLag(ProjectionPositions positions, JdbcClient jdbc, Clock clock, ProjectionProperties properties) {
        this.positions = positions;
        this.jdbc = jdbc;
        this.clock = clock;
        this.refresh = properties.lagRefresh();
    }

    /** Every projection of this app, by name. */
    public Map<String, Lag> current() {
        Measured current = measured;
        if (current == null || System.nanoTime() - current.takenAt() > refresh.toNanos()) {
            current = measure();
        }
        return current.perProcessor();
    }

    public Lag of(String processor) {
        Lag lag = current().get(processor);
        return lag != null ? lag : new Lag(0, 0, 0, Duration.ZERO);
    }

    private synchronized Measured measure() {
        Measured current = measured;
        if (current != null && System.nanoTime() - current.takenAt() <= refresh.toNanos()) {
            return current; // another thread has just measured
        }
        long head = head();
        Instant now = clock.instant();
        Map<String, Lag> perProcessor = new TreeMap<>();
        for (String processor : positions.all()) {
            long position = positions.position(processor).orElse(0);
            perProcessor.put(processor, new Lag(position, head, Math.max(0, head - position), behind(position, now)));
        }
        current = new Measured(System.nanoTime(), Collections.unmodifiableMap(perProcessor));
        measured = current;
        return current;
    }

    private long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM eventstore.domain_event_entry")
                .query(Long.class).single();
    }

    private Duration behind(long position, Instant now) {
        return jdbc.sql("""
                        SELECT time_stamp FROM eventstore.domain_event_entry WHERE global_index > ?
                         ORDER BY global_index LIMIT 1
                        """)
                .param(position).query(String.class).optional()
                .map(appended -> Duration.between(DateTimeUtils.parseInstant(appended), now))
                .filter(waiting -> !waiting.isNegative())
                .orElse(Duration.ZERO);
    }
}
