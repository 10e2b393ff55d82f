package phoenix.query.position;

import org.junit.jupiter.api.Test;
import phoenix.api.rooms.RoomDetails;
import phoenix.api.rooms.RoomRegistered;
import phoenix.platform.testing.Api;
import phoenix.query.QuerySideTest;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AwaitPositionTest extends QuerySideTest {

    @Test
    void aQueryWaitsUntilItsProjectionHasTheAwaitedEvent() {
        UUID room = UUID.randomUUID();
        long position = append("Room", room, new RoomRegistered(room, new RoomDetails("Warteraum " + room, null, null, 3, null)));

        Api.Answer answer = getAfter(position, "/api/rooms/" + room, staff);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("name").asText()).isEqualTo("Warteraum " + room);
    }

    @Test
    void aPositionNotReachedInTimeAnswers503() {
        long future = jdbc.sql("SELECT coalesce(max(global_index), 0) + 1000000 FROM eventstore.domain_event_entry")
                .query(Long.class).single();

        Api.Answer answer = getAfter(future, "/api/rooms", staff);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo("PROJECTION_BEHIND");
        assertThat(answer.body().path("awaitedPosition").asLong()).isEqualTo(future);
    }

    @Test
    void aMalformedPositionIs400() {
        Api.Answer answer = api.get("/api/rooms", staff, Map.of("X-Phoenix-Await-Position", "soon"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_POSITION");
    }

    @Test
    void aCallerWithoutRightsDoesNotWait() {
        Api.Answer answer = api.get("/api/rooms", token(phoenix.api.Role.COMPLIANCE_OFFICER),
                Map.of("X-Phoenix-Await-Position", "999999999"));

        assertThat(answer.status()).isEqualTo(403);
    }
}
