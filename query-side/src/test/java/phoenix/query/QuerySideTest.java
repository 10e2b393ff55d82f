package phoenix.query;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
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

import java.util.Map;
import java.util.UUID;

/**
 * The query side as it runs: real HTTP, its own fresh database, its processors reading the real event store. Tests
 * append events to the store as command-side would, and read them back with {@code X-Phoenix-Await-Position}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"phoenix.query.await-timeout=3s",
                // dead letters tried again within seconds, lag measured afresh: tests wait less
                "phoenix.query.dead-letters.retry-first=1s", "phoenix.query.dead-letters.check-interval=200ms",
                "phoenix.query.lag-refresh=100ms", "phoenix.query.rebuild.give-up-after=3s"})
@Import(TestClockConfiguration.class)
public abstract class QuerySideTest {

    @LocalServerPort
    private int port;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private JwtEncoder encoder;
    @Autowired
    private SecurityProperties securityProperties;

    @Autowired
    protected MutableClock clock;

    protected Api api;
    protected String admin;
    protected String staff;

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        clock.reset();
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        admin = token(Role.ADMIN);
        staff = token(Role.STAFF);
    }

    protected String token(Role... roles) {
        return Tokens.of(encoder, securityProperties, roles);
    }

    /** Appends an event to the aggregate's stream, as its aggregate would, and answers its global position. */
    protected long append(String aggregateType, Object aggregateId, Object payload) {
        return append(aggregateType, aggregateId, payload, Map.of("actorType", "USER",
                "actorId", UUID.randomUUID().toString(), "actorRole", "ADMIN", "correlationId", "test-correlation"));
    }

    protected long append(String aggregateType, Object aggregateId, Object payload, Map<String, ?> metaData) {
        long sequence = eventStore.lastSequenceNumberFor(aggregateId.toString()).map(last -> last + 1).orElse(0L);
        GenericDomainEventMessage<Object> event = new GenericDomainEventMessage<>(aggregateType,
                aggregateId.toString(), sequence, payload, MetaData.from(metaData));
        eventStore.publish(event);
        return jdbc.sql("SELECT global_index FROM eventstore.domain_event_entry WHERE event_identifier = ?")
                .param(event.getIdentifier()).query(Long.class).single();
    }

    /** A STAFF user's token whose account belongs to the staff member. */
    protected String staffToken(UUID staffId) {
        return Tokens.of(encoder, securityProperties, UUID.randomUUID(), staffId, Role.STAFF);
    }

    /** GET, answered once the projections the endpoint reads have handled the event at {@code position}. */
    protected Api.Answer getAfter(long position, String path, String token) {
        return api.get(path, token, Map.of("X-Phoenix-Await-Position", Long.toString(position)));
    }
}
