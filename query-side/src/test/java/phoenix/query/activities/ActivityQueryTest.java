package phoenix.query.activities;

import org.junit.jupiter.api.Test;
import phoenix.api.activities.ActivityDetails;
import phoenix.api.activities.ActivityDetailsChanged;
import phoenix.api.activities.ActivityRegistered;
import phoenix.api.rooms.RoomDetails;
import phoenix.api.rooms.RoomRegistered;
import phoenix.platform.testing.Api;
import phoenix.query.QuerySideTest;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityQueryTest extends QuerySideTest {

    @Test
    void anActivityIsShownWithItsPlannedRoomsName() {
        UUID room = UUID.randomUUID();
        UUID activity = UUID.randomUUID();
        long roomPosition = append("Room", room, new RoomRegistered(room, new RoomDetails("Halle " + room, null, null, 30, null)));
        long position = append("Activity", activity, new ActivityRegistered(activity,
                new ActivityDetails("Fußball " + activity, "Sport", 16, room)));

        Api.Answer answer = api.get("/api/activities/" + activity, staff,
                java.util.Map.of("X-Phoenix-Await-Position", Long.toString(Math.max(position, roomPosition))));

        assertThat(answer.body().path("name").asText()).isEqualTo("Fußball " + activity);
        assertThat(answer.body().path("maxParticipants").asInt()).isEqualTo(16);
        assertThat(answer.body().path("plannedRoomId").asText()).isEqualTo(room.toString());
    }

    @Test
    void categoriesAreListedFromTheirFirstUseAndActivitiesFilteredByThem() {
        String category = "Kategorie " + UUID.randomUUID().toString().substring(0, 6);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        append("Activity", first, new ActivityRegistered(first, new ActivityDetails("Malen", "Kunst", 8, null)));
        long position = append("Activity", first, new ActivityDetailsChanged(first, new ActivityDetails("Malen", category, 9, null)));
        position = Math.max(position, append("Activity", second, new ActivityRegistered(second, new ActivityDetails("Töpfern", category, 6, null))));

        Api.Answer categories = getAfter(position, "/api/activities/categories", staff);
        Api.Answer filtered = api.get("/api/activities?category=" + category.replace(" ", "%20"), staff);

        assertThat(categories.body()).extracting(node -> node.asText()).contains(category, "Kunst");
        assertThat(filtered.body().path("items")).extracting(item -> item.path("name").asText())
                .containsExactly("Malen", "Töpfern");
    }

    @Test
    void anUnknownActivityIs404() {
        assertThat(api.get("/api/activities/" + UUID.randomUUID(), staff).code()).isEqualTo("ACTIVITY_NOT_FOUND");
    }
}
