package phoenix.command.checkin;

import phoenix.command.CommandSideTest;
import phoenix.platform.testing.Api;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** A school to tap in: rooms, an activity, staff, a group, readers; helpers for the device API. */
abstract class CheckInTest extends CommandSideTest {

    protected static String randomTag() {
        return String.format("%016X", ThreadLocalRandom.current().nextLong());
    }

    protected UUID registerActivity(String name, int maxParticipants, UUID plannedRoom) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "category", "Sport", "maxParticipants",
                maxParticipants));
        if (plannedRoom != null) {
            body.put("plannedRoomId", plannedRoom);
        }
        Api.Answer answer = api.post("/api/activities", admin, body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.body().path("id").asText());
    }

    /** A reader with its API key. */
    protected record Reader(String deviceId, String key) {
    }

    protected Reader reader() {
        String deviceId = "RFID-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        return new Reader(deviceId, registerDevice(deviceId));
    }

    protected Api.Answer start(Reader reader, UUID activity, UUID room, UUID... supervisors) {
        return startSession(reader, activity, room, false, supervisors);
    }

    protected Api.Answer startSession(Reader reader, UUID activity, UUID room, boolean force, UUID... supervisors) {
        Map<String, Object> body = new HashMap<>(Map.of("activityId", activity, "supervisorIds", List.of(supervisors),
                "force", force));
        if (room != null) {
            body.put("roomId", room);
        }
        return api.post("/api/iot/session/start", reader.key(), body);
    }

    protected UUID startedSession(Reader reader, UUID activity, UUID room, UUID... supervisors) {
        Api.Answer answer = start(reader, activity, room, supervisors);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.body().path("sessionId").asText());
    }

    protected UUID studentWithTag(String firstName, String tag) {
        UUID student = registerStudent(firstName, "Muster");
        assertThat(api.put("/api/students/" + student + "/tag", admin, Map.of("tag", tag)).status()).isEqualTo(200);
        return student;
    }

    protected UUID staffWithTag(String firstName, String tag) {
        UUID staff = registerStaff(firstName, "Team", true);
        assertThat(api.put("/api/staff/" + staff + "/tag", admin, Map.of("tag", tag)).status()).isEqualTo(200);
        return staff;
    }

    protected Api.Answer tap(Reader reader, String tag, UUID room) {
        return tap(reader, tag, room, UUID.randomUUID().toString(), clock.instant());
    }

    protected Api.Answer tap(Reader reader, String tag, UUID room, String tapId, Instant tappedAt) {
        Map<String, Object> body = new HashMap<>(Map.of("tag", tag, "tapId", tapId, "tappedAt", tappedAt.toString()));
        if (room != null) {
            body.put("roomId", room);
        }
        return api.post("/api/iot/taps", reader.key(), body);
    }

    /** The session a child is in now, by the command side's lookup; null in transit or absent. */
    protected UUID sessionOf(UUID student) {
        return jdbc.sql("SELECT session_id FROM active.open_visits WHERE student_id = ?").param(student)
                .query(UUID.class).optional().orElse(null);
    }

    /** The school day of these tests. */
    protected static final java.time.LocalDate DAY = java.time.LocalDate.parse("2026-12-01");

    /** Moves the test clock to a Berlin wall-clock time on {@link #DAY} (until the test ends). */
    protected Instant at(String berlinTime) {
        Instant instant = DAY.atTime(java.time.LocalTime.parse(berlinTime))
                .atZone(phoenix.api.time.SchoolCalendar.ZONE).toInstant();
        clock.set(instant);
        return instant;
    }
}
