package phoenix.query.projections;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health {@code projections}: {@code DEGRADED} (answered with HTTP 200: queries still work, on older data) while a
 * projection lags more than {@code phoenix.query.max-lag} behind the event store, naming those; with every
 * projection's lag and dead letters as details.
 */
@Component
class ProjectionsHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "A projection lags behind the event store");

    private final ProjectionLag lag;
    private final DeadLetters deadLetters;
    private final Duration maxLag;

    ProjectionsHealthIndicator(ProjectionLag lag, DeadLetters deadLetters, ProjectionProperties properties) {
        this.lag = lag;
        this.deadLetters = deadLetters;
        this.maxLag = properties.maxLag();
    }

    @Override
    public Health health() {
        Map<String, ProjectionLag.Lag> current = lag.current();
        Map<String, Long> letters = deadLetters.countPerProcessor();
        Map<String, Object> processors = new LinkedHashMap<>();
        current.forEach((name, processor) -> processors.put(name, Map.of(
                "position", processor.position(),
                "lagEvents", processor.events(),
                "lagSeconds", processor.behind().toMillis() / 1000.0,
                "deadLetters", letters.getOrDefault(name, 0L))));
        List<String> lagging = current.entrySet().stream()
                .filter(entry -> entry.getValue().behind().compareTo(maxLag) > 0)
                .map(Map.Entry::getKey)
                .toList();
        return Health.status(lagging.isEmpty() ? Status.UP : DEGRADED)
                .withDetail("maxLagSeconds", maxLag.toMillis() / 1000.0)
                .withDetail("lagging", lagging)
                .withDetail("processors", processors)
                .build();
    }
}
