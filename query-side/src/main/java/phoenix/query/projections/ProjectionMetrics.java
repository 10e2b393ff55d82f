package phoenix.query.projections;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import phoenix.query.position.ProjectionPositions;

/**
 * Gauges per projection: {@code phoenix.projection.lag.events}, {@code phoenix.projection.lag.seconds} and
 * {@code phoenix.projection.dead.letters}, tagged {@code processor}. Registered once Axon has started, when the
 * processors are known.
 */
@Component
class ProjectionMetrics {

    private final MeterRegistry registry;
    private final ProjectionPositions positions;
    private final ProjectionLag lag;
    private final DeadLetters deadLetters;

    ProjectionMetrics(MeterRegistry registry, ProjectionPositions positions, ProjectionLag lag,
                      DeadLetters deadLetters) {
        this.registry = registry;
        this.positions = positions;
        this.lag = lag;
        this.deadLetters = deadLetters;
    }

    @EventListener(ApplicationStartedEvent.class)
    void register() {
        for (String processor : positions.all()) {
            Gauge.builder("phoenix.projection.lag.events", lag, current -> current.of(processor).events())
                    .description("Events in the event store the projection has not handled yet")
                    .tag("processor", processor)
                    .register(registry);
            Gauge.builder("phoenix.projection.lag.seconds", lag,
                            current -> current.of(processor).behind().toMillis() / 1000.0)
                    .description("How long the oldest event the projection has not handled has been waiting")
                    .tag("processor", processor)
                    .register(registry);
            Gauge.builder("phoenix.projection.dead.letters", deadLetters,
                            letters -> letters.countPerProcessor().getOrDefault(processor, 0L))
                    .description("Events the projection failed to handle, waiting in its dead-letter queue")
                    .tag("processor", processor)
                    .register(registry);
        }
    }
}
