package phoenix.query.projections;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import phoenix.api.devices.DeviceRegistered;
import phoenix.api.devices.DeviceStatus;
import phoenix.platform.testing.Api;
import phoenix.query.QuerySideTest;
import phoenix.query.position.ProjectionPositions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** phoenix.query.max-lag is 30 s (the default). The iot projection is stopped to make it lag. */
class ProjectionHealthTest extends QuerySideTest {

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private ProjectionPositions positions;
    @Autowired
    private MeterRegistry metrics;

    @Test
    void aProjectionLaggingMoreThanMaxLagMakesHealthDegradedNamingIt() {
        StreamingEventProcessor iot = processing.eventProcessor("iot", StreamingEventProcessor.class).orElseThrow();
        iot.shutDown();
        try {
            long position = unhandledByIot(Instant.now().plusSeconds(31));

            JsonNode health = await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/actuator/health", admin),
                    answer -> answer.body().path("status").asText().equals("DEGRADED")
                            && lagging(answer.body()).equals(List.of("iot"))).body();
            JsonNode lag = health.path("components").path("projections").path("details").path("processors").path("iot");
            assertThat(lag.path("lagEvents").asLong()).isPositive();
            assertThat(lag.path("lagSeconds").asDouble()).isGreaterThan(30);
            assertThat(lag.path("position").asLong()).isLessThan(position);

            Api.Answer anonymous = api.get("/actuator/health", null);
            assertThat(anonymous.status()).isEqualTo(200);
            assertThat(anonymous.body().path("status").asText()).isEqualTo("DEGRADED");
            assertThat(anonymous.body().has("components")).isFalse();

            assertThat(gauge("phoenix.projection.lag.events", "iot")).isPositive();
            assertThat(gauge("phoenix.projection.lag.seconds", "iot")).isGreaterThan(30);
            assertThat(gauge("phoenix.projection.lag.seconds", "facilities")).isZero();
            JsonNode listed = api.get("/api/admin/projections", admin).body();
            JsonNode iotListed = StreamSupport.stream(listed.spliterator(), false)
                    .filter(p -> p.path("name").asText().equals("iot")).findFirst().orElseThrow();
            assertThat(iotListed.path("state").asText()).isEqualTo("stopped");
            assertThat(iotListed.path("lagSeconds").asDouble()).isGreaterThan(30);
        } finally {
            iot.start();
            clock.reset();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/actuator/health", admin).body().path("status").asText().equals("UP"));
    }

    @Test
    void aProjectionLaggingLessThanMaxLagLeavesHealthUp() {
        StreamingEventProcessor iot = processing.eventProcessor("iot", StreamingEventProcessor.class).orElseThrow();
        iot.shutDown();
        try {
            unhandledByIot(Instant.now().plusSeconds(25));

            await().atMost(Duration.ofSeconds(5)).until(() -> gauge("phoenix.projection.lag.seconds", "iot") > 20);
            JsonNode health = api.get("/actuator/health", admin).body();
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(lagging(health)).isEmpty();
        } finally {
            iot.start();
            clock.reset();
        }
    }

    /** An event the (stopped) iot projection has not handled, and the clock moved to {@code now}. */
    private long unhandledByIot(Instant now) {
        String device = "RFID-LAG-" + UUID.randomUUID().toString().substring(0, 6);
        long position = append("Device", device, new DeviceRegistered(device, "Lag", "RFID_READER", "hash",
                DeviceStatus.ACTIVE));
        List<String> others = positions.all().stream().filter(name -> !name.equals("iot")).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> positions.reached(others, position));
        clock.set(now);
        return position;
    }

    private static List<String> lagging(JsonNode health) {
        JsonNode lagging = health.path("components").path("projections").path("details").path("lagging");
        return StreamSupport.stream(lagging.spliterator(), false).map(JsonNode::asText).toList();
    }

    private double gauge(String name, String processor) {
        return metrics.get(name).tag("processor", processor).gauge().value();
    }
}
