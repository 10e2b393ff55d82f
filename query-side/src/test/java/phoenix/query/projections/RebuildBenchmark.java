package phoenix.query.projections;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;
import phoenix.api.activities.ActivityDetails;
import phoenix.api.activities.ActivityRegistered;
import phoenix.api.checkin.AttendanceClosed;
import phoenix.api.checkin.AttendanceOpened;
import phoenix.api.checkin.StudentCheckedIn;
import phoenix.api.checkin.StudentCheckedOut;
import phoenix.api.checkin.VisitCause;
import phoenix.api.devices.DeviceRegistered;
import phoenix.api.devices.DeviceStatus;
import phoenix.api.groups.GroupCreated;
import phoenix.api.groups.StudentAssignedToGroup;
import phoenix.api.people.PersonKind;
import phoenix.api.people.StaffRegistered;
import phoenix.api.people.StudentRegistered;
import phoenix.api.rooms.RoomDetails;
import phoenix.api.rooms.RoomRegistered;
import phoenix.api.sessions.SessionEndReason;
import phoenix.api.sessions.SessionEnded;
import phoenix.api.sessions.SessionStarted;
import phoenix.api.tags.TagAssigned;
import phoenix.query.QuerySideTest;
import phoenix.query.position.ProjectionPositions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuild of every projection from 1,000,000 events (-Dbench.events=...), a school year of afternoons: 600
 * children, 30 sessions a day, three visits each. Master data goes through the event store; the afternoons are
 * generated in SQL ({@code generate_series}) from payloads the app's own serializer wrote, so they are stored exactly
 * as the app stores them. The live processors are then set to the head (they are caught up, as in a running school)
 * and the rebuilds run: first all seven at once, then {@code active}, the one that handles most events, alone.
 * Results: stdout and {@code target/rebuild-benchmark.md}.
 */
@TestPropertySource(properties = "phoenix.query.rebuild.give-up-after=10m") // the default, not the tests' 3 s
class RebuildBenchmark extends QuerySideTest {

    private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    private static final int ROOMS = 40;
    private static final int SESSIONS = 30;
    private static final int STAFF = 60;
    private static final int STUDENTS = 600;
    private static final int GROUPS = 20;
    private static final int EVENTS_PER_DAY = SESSIONS * 2 + STUDENTS * 2 + STUDENTS * 3 * 2;
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 9, 1);

    // placeholders in the serialized templates, replaced per row in SQL
    private static final UUID U1 = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID U2 = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final UUID U3 = UUID.fromString("00000000-0000-0000-0000-000000000003");
    private static final UUID U4 = UUID.fromString("00000000-0000-0000-0000-000000000004");
    private static final Instant TS = Instant.parse("2001-02-03T04:05:06.789Z");
    private static final LocalDate DAY = LocalDate.of(2002, 3, 4);

    @Autowired
    private EventStore eventStore;
    @Autowired
    @Qualifier("eventSerializer")
    private Serializer serializer;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private ProjectionPositions positions;
    @Autowired
    private ProjectionRebuilds rebuilds;

    @Test
    void rebuildEveryProjectionFromAMillionEvents() throws IOException {
        long master = masterData();
        long masterHead = head();
        await().atMost(Duration.ofMinutes(2)).until(() -> positions.reached(positions.all(), masterHead));
        List<StreamingEventProcessor> live = positions.all().stream()
                .map(name -> processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow()).toList();
        live.forEach(StreamingEventProcessor::shutDown);

        long fillStarted = System.nanoTime();
        fill(EVENTS - master, masterHead);
        double fillSeconds = seconds(fillStarted);
        long head = head();
        assertThat(jdbc.sql("SELECT count(*) FROM eventstore.domain_event_entry").query(Long.class).single())
                .isEqualTo(EVENTS);
        // the live processors have caught up, as in a running school: only the rebuilds replay the history
        jdbc.sql("""
                        UPDATE eventstore.token_entry
                           SET token = convert_to('{"index":' || :head || ',"gaps":[]}', 'UTF8'),
                               token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken', owner = NULL
                         WHERE processor_name = ANY (:names)
                        """)
                .param("head", head).param("names", positions.all().toArray(String[]::new)).update();
        live.forEach(StreamingEventProcessor::start);

        List<String> rebuildable = positions.all().stream().filter(rebuilds::rebuildable).sorted().toList();
        long allStarted = System.nanoTime();
        rebuildable.forEach(rebuilds::start);
        Map<String, Took> together = awaitDone(rebuildable);
        double allSeconds = seconds(allStarted);

        long aloneStarted = System.nanoTime();
        rebuilds.start("active");
        Took alone = awaitDone(List.of("active")).get("active");
        double activeSeconds = seconds(aloneStarted);

        // the rebuilt rows are the events' rows
        long visits = count("SELECT count(*) FROM eventstore.domain_event_entry WHERE payload_type = ?",
                StudentCheckedIn.class.getName());
        assertThat(count("SELECT count(*) FROM active.visits")).isEqualTo(visits);
        assertThat(count("SELECT count(*) FROM active.visits WHERE ended_at IS NULL"))
                .isEqualTo(visits - count("SELECT count(*) FROM eventstore.domain_event_entry WHERE payload_type = ?",
                        StudentCheckedOut.class.getName()));
        assertThat(count("SELECT count(*) FROM users.persons")).isEqualTo(STUDENTS + STAFF);
        assertThat(count("SELECT count(*) FROM users.person_tags")).isEqualTo(STUDENTS + STAFF);

        StringBuilder report = new StringBuilder()
                .append("# Rebuild benchmark\n\n")
                .append(String.format("%,d events (%,d master data, the rest %d school days); filled in %.1f s "
                        + "(%,.0f events/s)%n%n", EVENTS, master, (EVENTS - master) / EVENTS_PER_DAY + 1,
                        fillSeconds, (EVENTS - master) / fillSeconds))
                .append("| rebuild | seconds | events/s (read from the store) | swap: writers waited (ms) |\n")
                .append("|---|---|---|---|\n");
        together.forEach((name, took) -> report.append(String.format("| %s (all seven at once) | %.1f | %,.0f | %d |%n",
                name, took.seconds(), EVENTS / took.seconds(), took.swapMillis())));
        report.append(String.format("| **all seven at once, total** | %.1f | %,.0f per projection, %,.0f over all seven "
                + "| |%n", allSeconds, EVENTS / allSeconds, rebuildable.size() * (double) EVENTS / allSeconds));
        report.append(String.format("| active alone | %.1f | %,.0f | %d |%n", activeSeconds, EVENTS / activeSeconds,
                alone.swapMillis()));
        report.append(String.format("%nactive handles %,d of the events (sessions, visits, attendance); the others "
                + "skip all but the master data.%n", count("SELECT count(*) FROM eventstore.domain_event_entry "
                + "WHERE type IN ('Session', 'StudentDay')")));
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "rebuild-benchmark.md"), report);
    }

    /** One rebuild: from its start to its end, and how long its swap held the live tables for writers. */
    private record Took(double seconds, long swapMillis) {
    }

    /** Waits for the rebuilds. */
    private Map<String, Took> awaitDone(List<String> names) {
        Map<String, Took> seconds = new LinkedHashMap<>();
        await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            JsonNode list = api.get("/api/admin/projections", admin).body();
            for (JsonNode projection : StreamSupport.stream(list.spliterator(), false).toList()) {
                String name = projection.path("name").asText();
                JsonNode rebuild = projection.path("rebuild");
                if (!names.contains(name) || seconds.containsKey(name) || rebuild.isNull()) {
                    continue;
                }
                String phase = rebuild.path("phase").asText();
                assertThat(phase).as(name + ": " + rebuild).isNotEqualTo("FAILED");
                if (phase.equals("DONE") && !rebuilds.rebuilding(name)) {
                    seconds.put(name, new Took(Duration.between(Instant.parse(rebuild.path("startedAt").asText()),
                            Instant.parse(rebuild.path("finishedAt").asText())).toMillis() / 1000.0,
                            rebuild.path("swapMillis").asLong()));
                }
            }
            System.out.printf("rebuilt %d of %d%n", seconds.size(), names.size());
            return seconds.size() == names.size();
        });
        return seconds;
    }

    private long masterData() {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int r = 0; r < ROOMS; r++) {
            events.add(event("Room", uuid("room-" + r), 0, new RoomRegistered(uuid("room-" + r),
                    new RoomDetails("Raum " + r, "Haus " + r % 3, r % 4, 25, "Lernen"))));
        }
        for (int s = 0; s < SESSIONS; s++) {
            events.add(event("Device", device(s), 0, new DeviceRegistered(device(s), "Leser " + s, "RFID_READER",
                    HexFormat.of().formatHex(md5("key-" + s)), DeviceStatus.ACTIVE)));
        }
        for (int a = 0; a < ROOMS; a++) {
            events.add(event("Activity", uuid("activity-" + a), 0, new ActivityRegistered(uuid("activity-" + a),
                    new ActivityDetails("AG " + a, List.of("Sport", "Basteln", "Lernen", "Musik").get(a % 4), 25,
                            uuid("room-" + a)))));
        }
        for (int k = 0; k < STAFF; k++) {
            UUID staff = uuid("staff-" + k);
            events.add(event("Staff", staff, 0, new StaffRegistered(staff, "Vorname" + k, "Nachname" + k,
                    "staff" + k + "@schule.de", "Erzieher", k < GROUPS)));
            events.add(event("Staff", staff, 1, new TagAssigned(staff, PersonKind.STAFF, tag("staff-" + k), null)));
        }
        for (int i = 0; i < STUDENTS; i++) {
            UUID student = uuid("student-" + i);
            events.add(event("Student", student, 0, new StudentRegistered(student, "Kind" + i, "Familie" + i,
                    (1 + i % 4) + "abc".substring(i % 3, i % 3 + 1), LocalDate.of(2016 + i % 4, 1 + i % 12, 1 + i % 28))));
            events.add(event("Student", student, 1, new StudentAssignedToGroup(student, uuid("group-" + i % GROUPS),
                    null)));
            events.add(event("Student", student, 2, new TagAssigned(student, PersonKind.STUDENT, tag("student-" + i),
                    null)));
        }
        for (int g = 0; g < GROUPS; g++) {
            events.add(event("OgsGroup", uuid("group-" + g), 0, new GroupCreated(uuid("group-" + g), "Gruppe " + g,
                    uuid("room-" + g), Set.of(uuid("staff-" + g)))));
        }
        for (int from = 0; from < events.size(); from += 500) {
            eventStore.publish(events.subList(from, Math.min(events.size(), from + 500)));
        }
        return events.size();
    }

    /** {@code count} events of school afternoons after {@code after}, in one statement. */
    private void fill(long count, long after) {
        String started = template(new SessionStarted(U1, U2, "NAME_A", U4, "NAME_R", 25, 25, "DEVICE_X", Set.of(U3),
                TS));
        String opened = template(new AttendanceOpened(U2, DAY, TS, false));
        String checkedIn = template(new StudentCheckedIn(U1, U2, U3, U4, TS, VisitCause.TAPPED, null));
        String checkedOut = template(new StudentCheckedOut(U1, U2, U3, U4, TS, VisitCause.TAPPED, null));
        String closed = template(new AttendanceClosed(U2, DAY, TS, AttendanceClosed.Reason.WENT_HOME));
        String ended = template(new SessionEnded(U1, SessionEndReason.ENDED, TS, null));
        byte[] metaData = serializer.serialize(MetaData.with("actorType", "DEVICE").and("actorId", "RFID-000")
                .and("correlationId", "bench"), byte[].class).getData();
        long days = count / EVENTS_PER_DAY + 1;
        String session = "md5('session-' || d || '-' || s)::uuid::text";
        String sessionOfVisit = "md5('session-' || d || '-' || mod(i + 7 * v, 30))::uuid::text";
        String student = "md5('student-' || i)::uuid::text";
        String day = "(DATE '" + FIRST_DAY + "' + d)";
        String noon = "(TIMESTAMPTZ '" + FIRST_DAY + " 12:00:00+00' + d * INTERVAL '1 day')";
        jdbc.sql("""
                        INSERT INTO eventstore.domain_event_entry (global_index, aggregate_identifier, sequence_number,
                            type, event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                        SELECT :after + row_number() OVER (ORDER BY d, ord), aggregate, sequence, type,
                               gen_random_uuid()::text, :metaData,
                               convert_to(replace(replace(payload, :ts,
                                   regexp_replace(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                                  '\\.000Z$', 'Z')), :day, day), 'UTF8'),
                               NULL, payload_type, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                          FROM (
                            SELECT d, s AS ord, %1$s AS aggregate, 0 AS sequence, 'Session' AS type,
                                   :startedType AS payload_type, %2$s + INTERVAL '0 min' AS at, ''::text AS day,
                                   replace(replace(replace(replace(replace(replace(:started, :u1, %1$s),
                                       :u2, md5('activity-' || s)::uuid::text), :u3, md5('staff-' || s)::uuid::text),
                                       :u4, md5('room-' || s)::uuid::text), 'NAME_A', 'AG ' || s),
                                       'NAME_R', 'Raum ' || s) AS payload
                              FROM generate_series(0, :days - 1) d, generate_series(0, 29) s
                            UNION ALL
                            SELECT d, 100 + i, %3$s || '/' || %4$s, 0, 'StudentDay', :openedType,
                                   %2$s + INTERVAL '30 min' + i * INTERVAL '100 ms', %4$s::text,
                                   replace(:opened, :u2, %3$s)
                              FROM generate_series(0, :days - 1) d, generate_series(0, 599) i
                            UNION ALL
                            SELECT d, 1000 + v * 2000 + i, %5$s, 1 + v * 40 + i / 30, 'Session', :checkedInType,
                                   %2$s + (60 + v * 60) * INTERVAL '1 min' + i * INTERVAL '100 ms', '',
                                   replace(replace(replace(replace(:checkedIn, :u1, %5$s), :u2, %3$s),
                                       :u3, md5('visit-' || d || '-' || i || '-' || v)::uuid::text),
                                       :u4, md5('room-' || mod(i + 7 * v, 30))::uuid::text)
                              FROM generate_series(0, :days - 1) d, generate_series(0, 2) v, generate_series(0, 599) i
                            UNION ALL
                            SELECT d, 2000 + v * 2000 + i, %5$s, 21 + v * 40 + i / 30, 'Session', :checkedOutType,
                                   %2$s + (110 + v * 60) * INTERVAL '1 min' + i * INTERVAL '100 ms', '',
                                   replace(replace(replace(replace(:checkedOut, :u1, %5$s), :u2, %3$s),
                                       :u3, md5('visit-' || d || '-' || i || '-' || v)::uuid::text),
                                       :u4, md5('room-' || mod(i + 7 * v, 30))::uuid::text)
                              FROM generate_series(0, :days - 1) d, generate_series(0, 2) v, generate_series(0, 599) i
                            UNION ALL
                            SELECT d, 8000 + i, %3$s || '/' || %4$s, 1, 'StudentDay', :closedType,
                                   %2$s + INTERVAL '4 hours' + i * INTERVAL '100 ms', %4$s::text,
                                   replace(:closed, :u2, %3$s)
                              FROM generate_series(0, :days - 1) d, generate_series(0, 599) i
                            UNION ALL
                            SELECT d, 9000 + s, %1$s, 121, 'Session', :endedType, %2$s + INTERVAL '5 hours', '',
                                   replace(:ended, :u1, %1$s)
                              FROM generate_series(0, :days - 1) d, generate_series(0, 29) s
                          ) AS afternoon (d, ord, aggregate, sequence, type, payload_type, at, day, payload)
                         ORDER BY d, ord
                         LIMIT :count
                        """.formatted(session, noon, student, day, sessionOfVisit))
                .param("after", after).param("metaData", metaData).param("count", count).param("days", (int) days)
                .param("ts", TS.toString()).param("day", DAY.toString())
                .param("u1", U1.toString()).param("u2", U2.toString()).param("u3", U3.toString())
                .param("u4", U4.toString())
                .param("started", started).param("startedType", SessionStarted.class.getName())
                .param("opened", opened).param("openedType", AttendanceOpened.class.getName())
                .param("checkedIn", checkedIn).param("checkedInType", StudentCheckedIn.class.getName())
                .param("checkedOut", checkedOut).param("checkedOutType", StudentCheckedOut.class.getName())
                .param("closed", closed).param("closedType", AttendanceClosed.class.getName())
                .param("ended", ended).param("endedType", SessionEnded.class.getName())
                .update();
        jdbc.sql("SELECT setval('eventstore.domain_event_entry_seq', (SELECT max(global_index) "
                + "FROM eventstore.domain_event_entry))").query(Long.class).single();
    }

    /** The payload as the app stores it, with the placeholders still in it. */
    private String template(Object payload) {
        String json = new String(serializer.serialize(payload, byte[].class).getData(), StandardCharsets.UTF_8);
        assertThat(json).as("the placeholders appear as they are replaced").contains(U1.toString().substring(0, 8));
        return json;
    }

    private static EventMessage<?> event(String type, Object id, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(type, id.toString(), sequence, payload,
                MetaData.with("actorType", "SYSTEM").and("correlationId", "bench"));
    }

    private long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM eventstore.domain_event_entry")
                .query(Long.class).single();
    }

    private long count(String sql, Object... params) {
        var statement = jdbc.sql(sql);
        for (Object param : params) {
            statement = statement.param(param);
        }
        return statement.query(Long.class).single();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String device(int s) {
        return String.format("RFID-%03d", s);
    }

    private static String tag(String holder) {
        return HexFormat.of().withUpperCase().formatHex(md5(holder), 0, 4);
    }

    /** What PostgreSQL's {@code md5(text)::uuid} gives, so SQL and Java name the same things. */
    private static UUID uuid(String name) {
        String hex = HexFormat.of().formatHex(md5(name));
        return UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20));
    }

    private static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
