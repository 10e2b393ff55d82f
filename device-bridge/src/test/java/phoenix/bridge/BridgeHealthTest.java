package phoenix.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bridge as its operators see it, against the local Mosquitto (127.0.0.1:1883) and a fresh test database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phoenix.mqtt.client-id=phoenix-bridge-test-health",
        // details are hidden in production; shown here to see which broker the indicator reports
        "management.endpoint.health.show-details=always"})
class BridgeHealthTest {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void healthIsUpOnceConnectedToTheBroker() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ResponseEntity<JsonNode> response = http.getForEntity("/actuator/health", JsonNode.class);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(response.getBody().path("status").asText()).isEqualTo("UP");
            assertThat(response.getBody().at("/components/mqtt/status").asText()).isEqualTo("UP");
        });
        JsonNode health = http.getForObject("/actuator/health", JsonNode.class);
        assertThat(health.at("/components/mqtt/details/broker").asText()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
    }

    @Test
    void sharedMigrationsRanAtStartWithTheirHistoryOutsidePublic() {
        assertThat(jdbc.queryForObject("SELECT to_regclass('iot.devices')::text", String.class))
                .isEqualTo("iot.devices");
        assertThat(jdbc.queryForObject("SELECT to_regclass('config.flyway_schema_history')::text", String.class))
                .isEqualTo("config.flyway_schema_history");
        assertThat(jdbc.queryForObject("SELECT to_regclass('public.flyway_schema_history')", String.class)).isNull();
    }

    @Test
    void theOpenApiPageDocumentsTheHealthEndpoint() {
        JsonNode docs = http.getForObject("/v3/api-docs", JsonNode.class);

        assertThat(docs.path("paths").has("/actuator/health")).isTrue();
        assertThat(http.getForEntity("/swagger-ui.html", String.class).getStatusCode().is2xxSuccessful()
                || http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode().is2xxSuccessful()).isTrue();
    }
}
