package phoenix.bridge.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import phoenix.bridge.leader.Leadership;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A broker that is down when the bridge starts must not keep the bridge from starting, only make it unhealthy. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "phoenix.mqtt.client-id=phoenix-bridge-test-broker-down")
@DirtiesContext // stops its retries once the class is done
class BrokerDownTest {

    static final String NOBODY_LISTENS = "tcp://127.0.0.1:" + Mosquitto.freePort();

    @DynamicPropertySource
    static void unreachableBroker(DynamicPropertyRegistry registry) {
        registry.add("phoenix.mqtt.broker-url", () -> NOBODY_LISTENS);
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    MqttConnection connection;
    @Autowired
    Leadership leadership;

    @Test
    void startsAndReportsMqttDownWithStatus503() {
        await().atMost(Duration.ofSeconds(10)).until(() -> leadership.role() == Leadership.Role.LEADING);
        assertThat(connection.isConnected()).isFalse();

        ResponseEntity<JsonNode> response = http.getForEntity("/actuator/health", JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getBody().path("status").asText()).isEqualTo("DOWN");
        assertThat(response.getBody().at("/components/mqtt/status").asText()).isEqualTo("DOWN");
        assertThat(response.getBody().at("/components/db/status").asText()).isEqualTo("UP");
    }

    @Test
    void healthNamesTheDownComponentButNotTheBrokerAddress() {
        JsonNode health = http.getForObject("/actuator/health", JsonNode.class);

        assertThat(health.at("/components/mqtt/status").asText()).isEqualTo("DOWN");
        assertThat(health.at("/components/mqtt").has("details")).isFalse();
        assertThat(health.toString()).doesNotContain(NOBODY_LISTENS);
    }
}
