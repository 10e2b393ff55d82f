package phoenix.query.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import phoenix.platform.testing.Api;

import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

final class JsonAssert {

    private JsonAssert() {
    }

    static JsonNode item(Api.Answer page, UUID id) {
        return StreamSupport.stream(page.body().path("items").spliterator(), false)
                .filter(item -> item.path("id").asText().equals(id.toString()))
                .findFirst().orElseThrow(() -> new AssertionError(id + " not in " + page));
    }

    static void onlyItem(Api.Answer page, UUID id) {
        assertThat(page.body().path("totalItems").asInt()).as(page.toString()).isEqualTo(1);
        item(page, id);
    }
}
