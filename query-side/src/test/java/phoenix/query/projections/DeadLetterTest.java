package phoenix.query.projections;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import phoenix.api.rooms.RoomDetails;
import phoenix.api.rooms.RoomRegistered;
import phoenix.platform.testing.Api;
import phoenix.query.QuerySideTest;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Retries every second here (phoenix.query.dead-letters.retry-first=1s in QuerySideTest). */
class DeadLetterTest extends QuerySideTest {

    @Autowired
    private MeterRegistry metrics;

    @Test
    void anEventThatFailedOnceOnADatabaseErrorIsDeadLetteredAndHealedByTheScheduledRetry() {
        String marker = "Flaky-" + UUID.randomUUID();
        try (RoomFaults faults = RoomFaults.failingOnce(jdbc, marker)) {
            UUID room = UUID.randomUUID();
            long position = append("Room", room, new RoomRegistered(room, new RoomDetails(marker, null, null, 5, null)));

            // the failure is parked (not retried in the batch for ever), the projection goes on past it
            JsonNode letter = await().atMost(Duration.ofSeconds(5)).until(() -> letterFor(room), Optional::isPresent)
                    .orElseThrow();
            assertThat(letter.path("retries").asInt()).isZero();
            assertThat(letter.path("causeMessage").asText()).contains("room refused by the test");
            assertThat(getAfter(position, "/api/rooms?size=1", admin).status()).isEqualTo(200);

            // nobody acts: the next retry finds the database willing
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> api.get("/api/rooms/" + room, staff).status() == 200 && letterFor(room).isEmpty());
            assertThat(api.get("/api/rooms/" + room, staff).body().path("name").asText()).isEqualTo(marker);
            assertThat(faults.attempts()).isEqualTo(2);
        }
    }

    @Test
    void anEventThatAlwaysFailsStaysListedWithItsRetriesAndCauseCanBeRetriedNowAndDeleted() {
        String marker = "Poison-" + UUID.randomUUID();
        UUID room = UUID.randomUUID();
        try (RoomFaults ignored = RoomFaults.failingAlways(jdbc, marker)) {
            long position = append("Room", room, new RoomRegistered(room, new RoomDetails(marker, null, null, 5, null)));

            // the scheduled retries fail and are counted
            JsonNode letter = await().atMost(Duration.ofSeconds(10))
                    .until(() -> letterFor(room), found -> found.filter(l -> l.path("retries").asInt() >= 1).isPresent())
                    .orElseThrow();
            String id = letter.path("id").asText();
            assertThat(letter.path("processor").asText()).isEqualTo("facilities");
            assertThat(letter.path("eventType").asText()).isEqualTo("RoomRegistered");
            assertThat(letter.path("aggregateId").asText()).isEqualTo(room.toString());
            assertThat(letter.path("globalPosition").asLong()).isEqualTo(position);
            assertThat(letter.path("causeType").asText()).isEqualTo("org.springframework.dao.CannotAcquireLockException");
            assertThat(letter.path("causeMessage").asText()).contains("room refused by the test");
            assertThat(letter.path("enqueuedAt").asText()).isNotBlank();
            assertThat(letter.path("lastTouched").asText()).isNotBlank();
            assertThat(letter.path("nextRetryAt").asText()).isNotBlank();

            // visible in health (admins see details) and metrics
            JsonNode health = api.get("/actuator/health", admin).body();
            assertThat(health.path("components").path("projections").path("details").path("processors")
                    .path("facilities").path("deadLetters").asLong()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(2)).until(() -> deadLetterGauge("facilities") == 1);

            int before = api.get("/api/admin/dead-letters/" + id, admin).body().path("retries").asInt();
            Api.Answer retried = api.post("/api/admin/dead-letters/" + id + "/retry", admin, null);
            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.body().path("healed").asBoolean()).isFalse();
            assertThat(retried.body().path("letter").path("retries").asInt()).isGreaterThan(before);

            Api.Answer deleted = api.delete("/api/admin/dead-letters/" + id, admin);
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(letterFor(room)).isEmpty();
            assertThat(api.get("/api/admin/dead-letters/" + id, admin).code()).isEqualTo("DEAD_LETTER_NOT_FOUND");
            await().atMost(Duration.ofSeconds(2)).until(() -> deadLetterGauge("facilities") == 0);
            assertThat(api.get("/api/rooms/" + room, staff).status()).isEqualTo(404);
        } finally {
            // given up for good: this test's database forgets the event too, so no later replay brings the room back
            jdbc.sql("DELETE FROM eventstore.domain_event_entry WHERE aggregate_identifier = ?").param(room.toString())
                    .update();
        }
    }

    @Test
    void anUnknownDeadLetterIs404WhenRetriedOrDeleted() {
        Api.Answer retried = api.post("/api/admin/dead-letters/" + UUID.randomUUID() + "/retry", admin, null);
        Api.Answer deleted = api.delete("/api/admin/dead-letters/" + UUID.randomUUID(), admin);

        assertThat(retried.status()).isEqualTo(404);
        assertThat(retried.code()).isEqualTo("DEAD_LETTER_NOT_FOUND");
        assertThat(retried.contentType()).startsWith("application/problem+json");
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.code()).isEqualTo("DEAD_LETTER_NOT_FOUND");
    }

    @Test
    void theDeadLettersAreListedInPages() {
        Api.Answer page = api.get("/api/admin/dead-letters?page=0&size=10", admin);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("page").asInt()).isZero();
        assertThat(page.body().path("size").asInt()).isEqualTo(10);
        assertThat(page.body().has("totalItems")).isTrue();
        assertThat(api.get("/api/admin/dead-letters?size=201", admin).code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void staffMayNotSeeOrTouchDeadLetters() {
        assertThat(api.get("/api/admin/dead-letters", staff).status()).isEqualTo(403);
        assertThat(api.post("/api/admin/dead-letters/x/retry", staff, null).status()).isEqualTo(403);
        assertThat(api.delete("/api/admin/dead-letters/x", staff).status()).isEqualTo(403);
    }

    private Optional<JsonNode> letterFor(UUID room) {
        JsonNode items = api.get("/api/admin/dead-letters?processor=facilities&size=200", admin).body().path("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(item -> item.path("aggregateId").asText().equals(room.toString()))
                .findFirst();
    }

    private double deadLetterGauge(String processor) {
        return metrics.get("phoenix.projection.dead.letters").tag("processor", processor).gauge().value();
    }
}
