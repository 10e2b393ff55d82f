package phoenix.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import phoenix.api.Role;
import phoenix.platform.security.SecurityProperties;
import phoenix.platform.testing.Api;
import phoenix.platform.testing.MutableClock;
import phoenix.platform.testing.TestClockConfiguration;
import phoenix.platform.testing.Tokens;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side as it runs: real HTTP on a random port, its own fresh PostgreSQL database (given by the db
 * test-jar), the real event store. All tests share one application context, so each test uses its own names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phoenix.bootstrap.admin-email=" + CommandSideTest.ADMIN_EMAIL,
        "phoenix.bootstrap.admin-password=" + CommandSideTest.ADMIN_PASSWORD,
        // the sweepers run when a test says so (and with the test's clock)
        "phoenix.sessions.sweep-interval=1h",
        "phoenix.devices.bridge-key=" + CommandSideTest.BRIDGE_KEY})
@Import(TestClockConfiguration.class)
public abstract class CommandSideTest {

    public static final String ADMIN_EMAIL = "admin@test.phoenix";
    public static final String ADMIN_PASSWORD = "correct-horse-battery";
    public static final String BRIDGE_KEY = "bridge-key-for-tests-0123456789abcdef";

    private static final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    private int port;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    private JwtEncoder encoder;
    @Autowired
    private SecurityProperties securityProperties;

    @Autowired
    protected MutableClock clock;

    protected Api api;
    /** An admin's token (an account id of its own). */
    protected String admin;

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        clock.reset();
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        admin = token(Role.ADMIN);
    }

    protected String token(Role... roles) {
        return Tokens.of(encoder, securityProperties, roles);
    }

    protected static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    protected UUID registerRoom(String name, int capacity) {
        Api.Answer answer = api.post("/api/rooms", admin, Map.of("name", name, "capacity", capacity));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.body().path("id").asText());
    }

    protected UUID registerStudent(String firstName, String lastName) {
        Api.Answer answer = api.post("/api/students", admin,
                Map.of("firstName", firstName, "lastName", lastName, "schoolClass", "3b"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.body().path("id").asText());
    }

    protected UUID registerStaff(String firstName, String lastName, boolean teacher) {
        Api.Answer answer = api.post("/api/staff", admin,
                Map.of("firstName", firstName, "lastName", lastName, "teacher", teacher));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.body().path("id").asText());
    }

    protected UUID createGroup(String name, UUID homeRoomId, UUID... teacherIds) {
        Api.Answer answer = api.post("/api/groups", admin,
                Map.of("name", name, "homeRoomId", homeRoomId, "teacherIds", List.of(teacherIds)));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.body().path("id").asText());
    }

    /** A STAFF user's token whose account belongs to the staff member. */
    protected String staffToken(UUID staffId) {
        return staffToken(staffId, Role.STAFF);
    }

    /** A token whose account belongs to the staff member, with these roles. */
    protected String staffToken(UUID staffId, Role... roles) {
        return Tokens.of(encoder, securityProperties, UUID.randomUUID(), staffId, roles);
    }

    /** Registers a device and answers its API key. */
    protected String registerDevice(String deviceId) {
        Api.Answer answer = api.post("/api/devices", admin, Map.of("deviceId", deviceId, "name", "Reader " + deviceId));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.body().path("apiKey").asText();
    }

    /** The event store's events of one aggregate, in order. */
    protected List<StoredEvent> events(Object aggregateId) {
        return jdbc.sql("""
                        SELECT global_index, payload_type, payload, meta_data FROM eventstore.domain_event_entry
                        WHERE aggregate_identifier = ? ORDER BY sequence_number
                        """)
                .param(aggregateId.toString())
                .query((rs, row) -> new StoredEvent(rs.getLong(1),
                        rs.getString(2).substring(rs.getString(2).lastIndexOf('.') + 1),
                        read(rs.getBytes(3)), read(rs.getBytes(4))))
                .list();
    }

    protected long eventCount() {
        return jdbc.sql("SELECT count(*) FROM eventstore.domain_event_entry").query(Long.class).single();
    }

    /** One stored event: its global position, simple type name, payload and metadata as JSON. */
    protected record StoredEvent(long position, String type, JsonNode payload, JsonNode metaData) {
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new AssertionError("Stored data is not JSON", e);
        }
    }
}
