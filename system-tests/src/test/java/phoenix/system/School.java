package phoenix.system;

import phoenix.platform.testing.Api;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A school set up through the command side's HTTP API, as an admin would: a supervisor, rooms each with an activity
 * and readers (registered devices, the first of them running the room's session, started through the device API
 * with its key), and children with tags. Names carry a prefix, so a school can be added to a running system.
 */
final class School {

    /** A room with its readers; the first reader runs the room's session. */
    record Room(UUID id, String name, UUID sessionId, List<String> readers) {
    }

    /** A child with its (normalised) tag. */
    record Child(UUID id, String tag) {
    }

    private static final SecureRandom random = new SecureRandom();

    final Api api;
    final String token;
    private final String prefix;
    private final UUID supervisor;

    private School(Api api, String token, String prefix, UUID supervisor) {
        this.api = api;
        this.token = token;
        this.prefix = prefix;
        this.supervisor = supervisor;
    }

    /** Logs in as the admin and registers the supervisor of every room this school opens. */
    static School open(Api commandSide, String adminEmail, String adminPassword, String prefix) {
        String token = commandSide.login(adminEmail, adminPassword);
        UUID supervisor = id(commandSide.post("/api/staff", token,
                Map.of("firstName", "Bea", "lastName", "Aufsicht " + prefix, "teacher", true)));
        return new School(commandSide, token, prefix, supervisor);
    }

    /**
     * A room for {@code capacity} children with an activity for as many, {@code readers} registered readers and a
     * session running on the first of them.
     */
    Room room(String name, int capacity, int readers) {
        String fullName = prefix + " " + name;
        UUID room = id(api.post("/api/rooms", token, Map.of("name", fullName, "capacity", capacity)));
        UUID activity = id(api.post("/api/activities", token, Map.of("name", "AG " + fullName, "category", "Test",
                "maxParticipants", capacity, "plannedRoomId", room)));
        List<String> ids = new ArrayList<>();
        String firstKey = null;
        for (int i = 1; i <= readers; i++) {
            String deviceId = (prefix + "-" + name + "-" + i).replaceAll("[^A-Za-z0-9_-]", "-");
            String key = reader(deviceId);
            firstKey = firstKey == null ? key : firstKey;
            ids.add(deviceId);
        }
        Api.Answer started = api.post("/api/iot/session/start", firstKey,
                Map.of("activityId", activity, "roomId", room, "supervisorIds", List.of(supervisor)));
        if (started.status() != 201) {
            throw new IllegalStateException("Session start in " + fullName + " refused: " + started);
        }
        return new Room(room, fullName, UUID.fromString(started.body().path("sessionId").asText()), ids);
    }

    /** Registers a reader; answers its API key. */
    String reader(String deviceId) {
        Api.Answer device = api.post("/api/devices", token, Map.of("deviceId", deviceId, "name", "Leser " + deviceId,
                "type", "RFID_READER"));
        if (device.status() != 201) {
            throw new IllegalStateException("Device " + deviceId + " refused: " + device);
        }
        return device.body().path("apiKey").asText();
    }

    /** Deactivates (or reactivates) a reader: PUT /api/devices/{id}/status. */
    void readerStatus(String deviceId, String status) {
        Api.Answer changed = api.put("/api/devices/" + deviceId + "/status", token, Map.of("status", status));
        if (changed.status() / 100 != 2) {
            throw new IllegalStateException("Status of " + deviceId + " refused: " + changed);
        }
    }

    /** {@code count} children with random 8-byte tags, registered by a few threads at once. */
    List<Child> children(String namePrefix, int count) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Child>> registered = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int number = i;
                registered.add(threads.submit(() -> child("Kind", namePrefix + " " + number)));
            }
            List<Child> children = new ArrayList<>();
            for (Future<Child> child : registered) {
                children.add(child.get());
            }
            return children;
        } finally {
            threads.shutdownNow();
        }
    }

    Child child(String firstName, String lastName) {
        UUID child = id(api.post("/api/students", token, Map.of("firstName", firstName, "lastName", lastName)));
        String tag = randomTag();
        Api.Answer tagged = api.put("/api/students/" + child + "/tag", token, Map.of("tag", tag));
        if (tagged.status() / 100 != 2) {
            throw new IllegalStateException("Tag of " + lastName + " refused: " + tagged);
        }
        return new Child(child, tag);
    }

    /** 16 hex characters: a tag nobody has (2^64 of them). */
    static String randomTag() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    private static UUID id(Api.Answer answer) {
        if (answer.status() != 201) {
            throw new IllegalStateException(answer.toString());
        }
        return UUID.fromString(answer.body().path("id").asText());
    }
}
