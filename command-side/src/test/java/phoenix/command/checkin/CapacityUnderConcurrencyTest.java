package phoenix.command.checkin;

import org.junit.jupiter.api.Test;
import phoenix.platform.testing.Api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Capacity holds when many taps race, and a transfer is all or nothing. */
class CapacityUnderConcurrencyTest extends CheckInTest {

    @Test
    void fiftyConcurrentTapsIntoARoomForTwentyLeaveExactlyTwentyInside() throws Exception {
        at("12:00");
        UUID room = registerRoom(unique("Mensa"), 20);
        Reader reader = reader();
        UUID session = startedSession(reader, registerActivity(unique("Essen"), 60, room), room,
                registerStaff("Kim", "Koch", false));
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String tag = randomTag();
            studentWithTag("Kind" + i, tag);
            tags.add(tag);
        }

        List<Api.Answer> answers = concurrently(tags.stream()
                .<Callable<Api.Answer>>map(tag -> () -> tap(reader, tag, room)).toList());

        Map<String, Long> outcomes = answers.stream().collect(Collectors.groupingBy(
                answer -> answer.status() == 200 ? answer.body().path("action").asText() : answer.code(),
                Collectors.counting()));
        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of("checked_in", 20L, "ROOM_CAPACITY_EXCEEDED", 30L));
        assertThat(jdbc.sql("SELECT count(*) FROM active.open_visits WHERE session_id = ?").param(session)
                .query(Long.class).single()).isEqualTo(20);
        assertThat(events(session).stream().filter(e -> e.type().equals("StudentCheckedIn")).count()).isEqualTo(20);
    }

    @Test
    void racingTransfersBetweenTwoRoomsNeverLoseOrDuplicateAChild() throws Exception {
        at("13:00");
        UUID staff = registerStaff("Rita", "Renn", false);
        UUID left = registerRoom(unique("Links"), 30);
        UUID right = registerRoom(unique("Rechts"), 30);
        Reader leftReader = reader();
        Reader rightReader = reader();
        startedSession(leftReader, registerActivity(unique("A"), 30, left), left, staff);
        startedSession(rightReader, registerActivity(unique("B"), 30, right), right, staff);
        List<String> tags = new ArrayList<>();
        List<UUID> children = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String tag = randomTag();
            children.add(studentWithTag("Kind" + i, tag));
            tags.add(tag);
            tap(i % 2 == 0 ? leftReader : rightReader, tag, i % 2 == 0 ? left : right);
        }

        // every child is tapped by both readers at once, each naming the other reader's room: whatever the order,
        // each child ends up in at most one room, and the lookup agrees with the event streams
        java.time.Instant later = clock.instant().plusSeconds(10);
        List<Callable<Api.Answer>> taps = new ArrayList<>();
        for (String tag : tags) {
            taps.add(() -> tap(leftReader, tag, right, UUID.randomUUID().toString(), later));
            taps.add(() -> tap(rightReader, tag, left, UUID.randomUUID().toString(), later));
        }
        List<Api.Answer> answers = concurrently(taps);

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
        for (UUID child : children) {
            long checkedIn = countOf("StudentCheckedIn", child);
            long checkedOut = countOf("StudentCheckedOut", child);
            long open = jdbc.sql("SELECT count(*) FROM active.open_visits WHERE student_id = ?").param(child)
                    .query(Long.class).single();
            assertThat(checkedIn - checkedOut).as("open visits of " + child + " by its events").isIn(0L, 1L)
                    .isEqualTo(open);
        }
    }

    private long countOf(String type, UUID child) {
        return jdbc.sql("""
                        SELECT count(*) FROM eventstore.domain_event_entry
                        WHERE payload_type LIKE ? AND convert_from(payload, 'UTF8')::jsonb ->> 'studentId' = ?
                        """)
                .param("%." + type).param(child.toString()).query(Long.class).single();
    }

    private static List<Api.Answer> concurrently(List<Callable<Api.Answer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Api.Answer> answers = new ArrayList<>();
            for (Future<Api.Answer> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
