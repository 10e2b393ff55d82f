package phoenix.command.activities;

import org.junit.jupiter.api.Test;
import phoenix.command.CommandSideTest;
import phoenix.platform.testing.Api;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityApiTest extends CommandSideTest {

    @Test
    void anActivityIsRegisteredWithItsPlannedRoom() {
        UUID room = registerRoom(unique("Turnhalle"), 25);

        Api.Answer answer = api.post("/api/activities", admin,
                Map.of("name", "Fußball", "category", "Sport", "maxParticipants", 16, "plannedRoomId", room));

        assertThat(answer.status()).isEqualTo(201);
        StoredEvent event = events(answer.body().path("id").asText()).get(0);
        assertThat(event.type()).isEqualTo("ActivityRegistered");
        assertThat(event.payload().path("details").path("plannedRoomId").asText()).isEqualTo(room.toString());
        assertThat(answer.position()).isEqualTo(event.position());
    }

    @Test
    void anActivityWithoutPlannedRoomIsFine() {
        Api.Answer answer = api.post("/api/activities", admin,
                Map.of("name", "Hausaufgaben", "category", "Lernen", "maxParticipants", 12));

        assertThat(answer.status()).isEqualTo(201);
    }

    @Test
    void anUnknownPlannedRoomIs404() {
        long before = eventCount();

        Api.Answer answer = api.post("/api/activities", admin, Map.of("name", "Basteln", "category", "Kreativ",
                "maxParticipants", 8, "plannedRoomId", UUID.randomUUID()));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("ROOM_NOT_FOUND");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aStudentIsNoPlannedRoom() {
        UUID student = registerStudent("Ole", "Hahn");

        Api.Answer answer = api.post("/api/activities", admin, Map.of("name", "Schach", "category", "Spiele",
                "maxParticipants", 8, "plannedRoomId", student));

        assertThat(answer.code()).isEqualTo("ROOM_NOT_FOUND");
    }

    @Test
    void anActivityTakesAtLeastOneParticipant() {
        Api.Answer answer = api.post("/api/activities", admin,
                Map.of("name", "Leer", "category", "Nichts", "maxParticipants", 0));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void changingAnActivityRecordsTheNewDetailsAndUnknownOnesAre404() {
        String id = api.post("/api/activities", admin,
                Map.of("name", "Tanz", "category", "Sport", "maxParticipants", 10)).body().path("id").asText();

        Api.Answer changed = api.put("/api/activities/" + id, admin,
                Map.of("name", "Tanz", "category", "Bewegung", "maxParticipants", 14));
        Api.Answer unknown = api.put("/api/activities/" + UUID.randomUUID(), admin,
                Map.of("name", "Tanz", "category", "Bewegung", "maxParticipants", 14));

        assertThat(changed.status()).isEqualTo(204);
        assertThat(events(id)).extracting(StoredEvent::type).containsExactly("ActivityRegistered", "ActivityDetailsChanged");
        assertThat(unknown.code()).isEqualTo("ACTIVITY_NOT_FOUND");
    }
}
