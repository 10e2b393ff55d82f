package phoenix.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst of taps on the readers of some rooms: each child taps in and, by the reader's clock 3 s later (beyond the
 * 2 s debounce), out again on the same reader, so every tap is a distinct, valid action whose answer is known in
 * advance, and an answer out of order would show as the wrong action. What counted is read from the database.
 */
final class Burst {

    private final TapRecords records;
    private final List<School.Room> rooms;
    private final List<Reader> readers;
    private final List<School.Child> tapping;
    private final Map<String, String> expected = new LinkedHashMap<>();
    private final Map<String, Reader> tappedOn = new LinkedHashMap<>();
    private final Map<String, School.Child> tapper = new LinkedHashMap<>();
    // what the children had before: a burst counts what it adds, so children can tap in several bursts
    private final Map<UUID, Long> checkedInBefore;
    private final Map<UUID, Long> checkedOutBefore;
    private final Map<UUID, TapRecords.Visits> visitsBefore;

    /**
     * {@code readers.get(i)} is a reader in {@code rooms.get(i)}; the children must be out of every room (as after
     * an earlier burst).
     */
    Burst(String name, TapRecords records, List<School.Room> rooms, List<Reader> readers, List<School.Child> tapping)
            throws Exception {
        this.records = records;
        this.rooms = rooms;
        this.readers = readers;
        this.tapping = tapping;
        List<UUID> ids = tapping.stream().map(School.Child::id).toList();
        checkedInBefore = records.events(TapRecords.CHECKED_IN, ids);
        checkedOutBefore = records.events(TapRecords.CHECKED_OUT, ids);
        visitsBefore = records.visits(ids);
        for (int i = 0; i < tapping.size(); i++) {
            Reader reader = readers.get(i % readers.size());
            for (String action : List.of("checked_in", "checked_out")) {
                String tapId = name + "-" + i + "-" + action + "-" + UUID.randomUUID();
                expected.put(tapId, action);
                tappedOn.put(tapId, reader);
                tapper.put(tapId, tapping.get(i));
            }
        }
    }

    int size() {
        return expected.size();
    }

    void publish() throws Exception {
        Instant now = Instant.now();
        for (String tapId : expected.keySet()) {
            Reader reader = tappedOn.get(tapId);
            boolean in = expected.get(tapId).equals("checked_in");
            reader.tap(tapId, tapper.get(tapId).tag(), rooms.get(readers.indexOf(reader)).id(),
                    in ? now.minusSeconds(3) : now);
        }
    }

    private static Map<UUID, Long> added(Map<UUID, Long> now, Map<UUID, Long> before) {
        Map<UUID, Long> added = new LinkedHashMap<>();
        now.forEach((child, count) -> added.put(child, count - before.getOrDefault(child, 0L)));
        return added;
    }

    /** How many of the taps got at least one result. */
    int answered() {
        int answered = 0;
        for (String tapId : expected.keySet()) {
            if (!tappedOn.get(tapId).results(tapId).isEmpty()) {
                answered++;
            }
        }
        return answered;
    }

    /** Waits until at least this many taps are answered: the fault to inject comes in the middle of the burst. */
    void awaitAnswered(int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> answered() >= count);
    }

    /** How many answers name another action than their tap's. */
    long unexpectedAnswers() {
        return expected.entrySet().stream().flatMap(tap -> tappedOn.get(tap.getKey()).results(tap.getKey())
                .stream().filter(result -> !tap.getValue().equals(result.action()))).count();
    }

    /**
     * Every tap answered (maybe more than once, always alike) with its action; and counted once: one processed tap
     * each, one check-in and one check-out event per child, one closed visit per child in the read model, and each
     * reader's taps decided in the order the reader sent them. Prints and answers how many were answered twice.
     */
    long assertEveryTapAnsweredAndCountedOnce() throws Exception {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(answered()).as("taps answered").isEqualTo(expected.size()));
        for (Map.Entry<String, String> tap : expected.entrySet()) {
            List<Reader.Result> answers = tappedOn.get(tap.getKey()).results(tap.getKey());
            if (!answers.stream().allMatch(answer -> tap.getValue().equals(answer.action()))) {
                assertThat(answers).as("answers to tap %s; %s", tap.getKey(),
                        records.history(tapper.get(tap.getKey()).id())).extracting(Reader.Result::action)
                        .containsOnly(tap.getValue());
            }
        }
        long twice = expected.keySet().stream().filter(tapId -> tappedOn.get(tapId).results(tapId).size() > 1).count();
        assertThat(records.processed(expected.keySet())).isEqualTo(new TapRecords.Processed(expected.size(), 0));
        for (Reader reader : readers) {
            List<String> sent = new ArrayList<>(expected.keySet().stream()
                    .filter(tapId -> tappedOn.get(tapId) == reader).toList());
            assertThat(records.decidedInOrder(reader.deviceId, sent)).as("taps of %s in the order decided", reader)
                    .containsExactlyElementsOf(sent);
        }
        List<UUID> ids = tapping.stream().map(School.Child::id).toList();
        assertThat(added(records.events(TapRecords.CHECKED_IN, ids), checkedInBefore)).as("StudentCheckedIn per child")
                .hasSize(tapping.size()).allSatisfy((child, events) -> assertThat(events).isEqualTo(1L));
        assertThat(added(records.events(TapRecords.CHECKED_OUT, ids), checkedOutBefore)).as("StudentCheckedOut per child")
                .hasSize(tapping.size()).allSatisfy((child, events) -> assertThat(events).isEqualTo(1L));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(records.visits(ids))
                .as("visits per child in the read model").hasSize(tapping.size())
                .allSatisfy((child, visits) -> assertThat(visits.total() - visitsBefore
                        .getOrDefault(child, new TapRecords.Visits(0, 0, null)).total()).isEqualTo(1))
                .allSatisfy((child, visits) -> assertThat(visits.open()).isZero()));
        System.out.printf("Burst: %d taps, %d answered more than once%n", expected.size(), twice);
        return twice;
    }
}
