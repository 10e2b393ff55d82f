package phoenix.query.facilities;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import phoenix.api.rooms.RoomDetails;
import phoenix.api.rooms.RoomDetailsChanged;
import phoenix.api.rooms.RoomRegistered;
import phoenix.platform.testing.Api;
import phoenix.query.QuerySideTest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RoomQueryTest extends QuerySideTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void aRegisteredRoomCanBeReadBackAtOnce() {
        UUID room = UUID.randomUUID();
        long position = append("Room", room, new RoomRegistered(room, new RoomDetails("Turnhalle " + room, "A", 0, 30, "Sport")));

        Api.Answer answer = getAfter(position, "/api/rooms/" + room, staff);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("name").asText()).isEqualTo("Turnhalle " + room);
        assertThat(answer.body().path("building").asText()).isEqualTo("A");
        assertThat(answer.body().path("capacity").asInt()).isEqualTo(30);
    }

    @Test
    void changedDetailsReplaceTheOldOnes() {
        UUID room = UUID.randomUUID();
        append("Room", room, new RoomRegistered(room, new RoomDetails("Werkraum " + room, null, null, 10, null)));
        long position = append("Room", room, new RoomDetailsChanged(room, new RoomDetails("Atelier " + room, "B", 1, 12, "Kunst")));

        Api.Answer answer = getAfter(position, "/api/rooms/" + room, admin);

        assertThat(answer.body().path("name").asText()).isEqualTo("Atelier " + room);
        assertThat(answer.body().path("capacity").asInt()).isEqualTo(12);
        assertThat(answer.body().path("category").asText()).isEqualTo("Kunst");
    }

    @Test
    void roomsAreListedByNameInPagesAndFilteredByAPartOfTheName() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        long position = 0;
        for (String name : List.of("C-Raum ", "a-Raum ", "B-Raum ")) {
            UUID room = UUID.randomUUID();
            position = append("Room", room, new RoomRegistered(room, new RoomDetails(name + marker, null, null, 5, null)));
        }

        Api.Answer first = getAfter(position, "/api/rooms?name=" + marker + "&size=2", staff);
        Api.Answer second = api.get("/api/rooms?name=" + marker.toUpperCase() + "&size=2&page=1", staff);

        assertThat(first.body().path("totalItems").asInt()).isEqualTo(3);
        assertThat(first.body().path("items")).extracting(item -> item.path("name").asText())
                .containsExactly("a-Raum " + marker, "B-Raum " + marker);
        assertThat(second.body().path("items")).extracting(item -> item.path("name").asText())
                .containsExactly("C-Raum " + marker);
    }

    @Test
    void pageSizesOutsideTheLimitsAreRefused() {
        assertThat(api.get("/api/rooms?size=0", staff).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/api/rooms?size=201", staff).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/api/rooms?page=-1", staff).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/api/rooms?page=eins", staff).code()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void anUnknownRoomIs404() {
        Api.Answer answer = api.get("/api/rooms/" + UUID.randomUUID(), staff);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("ROOM_NOT_FOUND");
    }

    @Test
    void rebuildingTheProjectionFromTheEventStoreGivesTheSameRooms() {
        UUID room = UUID.randomUUID();
        append("Room", room, new RoomRegistered(room, new RoomDetails("Keller " + room, null, -1, 3, null)));
        long position = append("Room", room, new RoomDetailsChanged(room, new RoomDetails("Kellerraum " + room, null, -1, 4, null)));
        getAfter(position, "/api/rooms/" + room, admin);
        List<Map<String, Object>> before = rooms();

        StreamingEventProcessor processor = processing.eventProcessor("facilities", StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().until(() -> !processor.isReplaying() && !processor.processingStatus().isEmpty() && processor.processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= position));

        assertThat(rooms()).isEqualTo(before);
    }

    private List<Map<String, Object>> rooms() {
        return jdbc.sql("SELECT id, name, building, floor, capacity, category, registered_at, updated_at "
                + "FROM facilities.rooms ORDER BY id").query().listOfRows();
    }
}
