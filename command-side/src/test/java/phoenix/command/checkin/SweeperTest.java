package phoenix.command.checkin;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import phoenix.command.sessions.SessionSweeper;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The clock moves; the sweepers end idle sessions, all sessions at the day's end, and open attendance after it. */
class SweeperTest extends CheckInTest {

    @Autowired
    private SessionSweeper sessions;
    @Autowired
    private AttendanceSweeper attendance;

    private UUID room;
    private UUID activity;
    private UUID staff;

    @BeforeEach
    void aRoom() {
        at("13:00");
        room = registerRoom(unique("Raum"), 20);
        activity = registerActivity(unique("Spiele"), 20, room);
        staff = registerStaff("Uwe", "Uhr", false);
    }

    private StoredEvent last(UUID aggregate) {
        List<StoredEvent> events = events(aggregate);
        return events.get(events.size() - 1);
    }

    @Test
    void aSessionNobodyUsesEndsAfterTheTimeoutWithItsChildrenInTransit() {
        Reader reader = reader();
        UUID session = startedSession(reader, activity, room, staff);
        String tag = randomTag();
        UUID child = studentWithTag("Timo", tag);
        tap(reader, tag, room);

        at("13:29");
        sessions.sweep();
        assertThat(last(session).type()).isEqualTo("StudentCheckedIn");
        at("13:31");
        sessions.sweep();

        assertThat(last(session).type()).isEqualTo("SessionEnded");
        assertThat(last(session).payload().path("reason").asText()).isEqualTo("TIMEOUT");
        // as of the deadline: 30 minutes after the last tap
        assertThat(Instant.parse(last(session).payload().path("endedAt").asText()))
                .isEqualTo(at("13:30"));
        assertThat(sessionOf(child)).isNull();
        assertThat(events(child + "/" + DAY)).extracting(StoredEvent::type).containsExactly("AttendanceOpened");
    }

    @Test
    void pingsKeepASessionAlive() {
        Reader reader = reader();
        UUID session = startedSession(reader, activity, room, staff);

        at("13:25");
        api.post("/api/iot/ping", reader.key(), null);
        at("13:50");
        sessions.sweep();
        assertThat(last(session).type()).isEqualTo("SessionStarted");
        at("13:56");
        sessions.sweep();

        assertThat(last(session).payload().path("reason").asText()).isEqualTo("TIMEOUT");
    }

    @Test
    void everySessionEndsAtTheDailyEndTime() {
        Reader reader = reader();
        UUID session = startedSession(reader, activity, room, staff);

        at("17:59");
        api.post("/api/iot/ping", reader.key(), null);
        sessions.sweep();
        assertThat(last(session).type()).isEqualTo("SessionStarted");
        at("18:00");
        sessions.sweep();

        assertThat(last(session).payload().path("reason").asText()).isEqualTo("END_OF_DAY");
        assertThat(Instant.parse(last(session).payload().path("endedAt").asText())).isEqualTo(at("18:00"));
    }

    @Test
    void sweepingTwiceOrFromTwoInstancesEndsASessionOnce() {
        UUID session = startedSession(reader(), activity, room, staff);
        at("18:05");

        sessions.sweep();
        sessions.sweep();

        assertThat(events(session)).extracting(StoredEvent::type).containsOnlyOnce("SessionEnded");
    }

    @Test
    void attendanceStillOpenIsClosedAfterTheEndOfTheBerlinDay() {
        Reader reader = reader();
        startedSession(reader, activity, room, staff);
        String tag = randomTag();
        UUID child = studentWithTag("Ruth", tag);
        tap(reader, tag, room);

        at("23:30"); // still the same day in Berlin (22:30 UTC)
        attendance.sweep();
        assertThat(events(child + "/" + DAY)).extracting(StoredEvent::type).containsExactly("AttendanceOpened");
        clock.set(DAY.plusDays(1).atStartOfDay(phoenix.api.time.SchoolCalendar.ZONE).toInstant().plusSeconds(60));
        attendance.sweep();

        List<StoredEvent> day = events(child + "/" + DAY);
        assertThat(day).extracting(StoredEvent::type).containsExactly("AttendanceOpened", "AttendanceClosed");
        assertThat(day.get(1).payload().path("reason").asText()).isEqualTo("AUTO");
        assertThat(Instant.parse(day.get(1).payload().path("closedAt").asText()))
                .isEqualTo(DAY.plusDays(1).atStartOfDay(phoenix.api.time.SchoolCalendar.ZONE).toInstant());
    }
}
