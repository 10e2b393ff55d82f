package phoenix.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import phoenix.bridge.mqtt.Mosquitto;
import phoenix.bridge.taps.FakeDeviceApi;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bridge as its operators see it, against a broker of the test's own (never the machine's: a persistent session
 * left there would take taps from whoever else uses it), a stand-in device API and a fresh test database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phoenix.mqtt.client-id=phoenix-bridge-test-health",
        "phoenix.bridge.key=" + Bridges.KEY,
        // details are hidden in production; shown here to see which broker the indicator reports
        "management.endpoint.health.show-details=always"})
@DirtiesContext
class BridgeHealthTest {

    static final Mosquitto broker = new Mosquitto();
    static final FakeDeviceApi deviceApi = new FakeDeviceApi();

    @DynamicPropertySource
    static void ownBrokerAndDeviceApi(DynamicPropertyRegistry registry) {
        registry.add("phoenix.mqtt.broker-url", broker::url);
        registry.add("phoenix.bridge.command-side-url", deviceApi::url);
    }

    @BeforeAll
    static void startBroker() {
        broker.start();
    }

    @AfterAll
    static void stopAll() {
        deviceApi.close();
        broker.close();
    }

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
        assertThat(health.at("/components/mqtt/details/broker").asText()).isEqualTo(broker.url());
        assertThat(health.at("/components/mqtt/details/role").asText()).isEqualTo("leading");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getForObject("/actuator/health", JsonNode.class)
                .at("/components/commandSide/details/state").asText().equals("ANSWERING"));
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
