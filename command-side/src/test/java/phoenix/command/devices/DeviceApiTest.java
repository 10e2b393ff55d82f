package phoenix.command.devices;

import org.junit.jupiter.api.Test;
import phoenix.command.CommandSideTest;
import phoenix.platform.testing.Api;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceApiTest extends CommandSideTest {

    private static String deviceId() {
        return "RFID-T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    @Test
    void registeringADeviceAnswersItsKeyOnceAndKeepsOnlyItsHash() {
        String device = deviceId();

        Api.Answer answer = api.post("/api/devices", admin, Map.of("deviceId", device, "name", "Haupteingang",
                "type", "RFID_READER"));

        assertThat(answer.status()).isEqualTo(201);
        String key = answer.body().path("apiKey").asText();
        assertThat(key).startsWith("phx_").hasSizeGreaterThan(40);
        assertThat(answer.header("Location")).isEqualTo("/api/devices/" + device);
        StoredEvent event = events(device).get(0);
        assertThat(event.type()).isEqualTo("DeviceRegistered");
        assertThat(event.payload().toString()).doesNotContain(key);
        assertThat(event.payload().path("apiKeyHash").asText()).isEqualTo(ApiKeys.hash(key));
    }

    @Test
    void aDeviceIdIsRegisteredOnlyOnce() {
        String device = deviceId();
        registerDevice(device);

        Api.Answer again = api.post("/api/devices", admin, Map.of("deviceId", device, "name", "Zweiter"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("DEVICE_ALREADY_REGISTERED");
        assertThat(events(device)).hasSize(1);
    }

    @Test
    void deviceIdsThatCannotBeTopicLevelsAreRefused() {
        for (String invalid : new String[]{"room/1", "RFID+1", "#", "", "-lead"}) {
            Api.Answer answer = api.post("/api/devices", admin, Map.of("deviceId", invalid, "name", "X"));
            assertThat(answer.code()).as(invalid).isEqualTo("INVALID_DEVICE_ID");
        }
    }

    @Test
    void aDeviceUsesTheDeviceApiWithItsKey() {
        String device = deviceId();
        String key = registerDevice(device);

        Api.Answer ping = api.post("/api/iot/ping", key, null);

        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.body().path("deviceId").asText()).isEqualTo(device);
    }

    @Test
    void theDeviceApiRefusesMissingUnknownAndUserCredentials() {
        assertThat(api.post("/api/iot/ping", null, null).code()).isEqualTo("UNAUTHENTICATED");
        assertThat(api.post("/api/iot/ping", "phx_not-a-key", null).status()).isEqualTo(401);
        assertThat(api.post("/api/iot/ping", admin, null).status()).isEqualTo(401);
    }

    @Test
    void aDeviceKeyOpensNothingButTheDeviceApi() {
        String key = registerDevice(deviceId());

        Api.Answer answer = api.post("/api/rooms", key, Map.of("name", unique("Raum"), "capacity", 1));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void anInactiveOrMaintainedDeviceIsRefusedUntilActiveAgain() {
        String device = deviceId();
        String key = registerDevice(device);

        assertThat(api.put("/api/devices/" + device + "/status", admin, Map.of("status", "INACTIVE")).status())
                .isEqualTo(204);
        Api.Answer inactive = api.post("/api/iot/ping", key, null);
        api.put("/api/devices/" + device + "/status", admin, Map.of("status", "MAINTENANCE"));
        Api.Answer maintenance = api.post("/api/iot/ping", key, null);
        api.put("/api/devices/" + device + "/status", admin, Map.of("status", "ACTIVE"));

        assertThat(inactive.status()).isEqualTo(403);
        assertThat(inactive.code()).isEqualTo("DEVICE_INACTIVE");
        assertThat(maintenance.code()).isEqualTo("DEVICE_INACTIVE");
        assertThat(api.post("/api/iot/ping", key, null).status()).isEqualTo(200);
        assertThat(events(device)).extracting(StoredEvent::type).containsExactly("DeviceRegistered",
                "DeviceStatusChanged", "DeviceStatusChanged", "DeviceStatusChanged");
    }

    @Test
    void rotatingTheKeyInvalidatesTheOldOneAtOnce() {
        String device = deviceId();
        String oldKey = registerDevice(device);

        Api.Answer rotated = api.post("/api/devices/" + device + "/key", admin, null);

        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.body().path("apiKey").asText();
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(api.post("/api/iot/ping", oldKey, null).status()).isEqualTo(401);
        assertThat(api.post("/api/iot/ping", newKey, null).status()).isEqualTo(200);
    }

    @Test
    void unknownDevicesAre404() {
        assertThat(api.put("/api/devices/NOPE-1/status", admin, Map.of("status", "ACTIVE")).code())
                .isEqualTo("DEVICE_NOT_FOUND");
        assertThat(api.post("/api/devices/NOPE-1/key", admin, null).code()).isEqualTo("DEVICE_NOT_FOUND");
    }

    @Test
    void anUnknownStatusIsMalformed() {
        String device = deviceId();
        registerDevice(device);

        Api.Answer answer = api.put("/api/devices/" + device + "/status", admin, Map.of("status", "BROKEN"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void theBridgeSpeaksForRegisteredActiveDevicesOnly() {
        String device = deviceId();
        registerDevice(device);

        Api.Answer forDevice = api.send("POST", "/api/iot/ping", BRIDGE_KEY, null, Map.of("X-Phoenix-Device", device));
        Api.Answer unknown = api.send("POST", "/api/iot/ping", BRIDGE_KEY, null, Map.of("X-Phoenix-Device", "NOPE-9"));
        Api.Answer nobody = api.post("/api/iot/ping", BRIDGE_KEY, null);
        api.put("/api/devices/" + device + "/status", admin, Map.of("status", "INACTIVE"));
        Api.Answer inactive = api.send("POST", "/api/iot/ping", BRIDGE_KEY, null, Map.of("X-Phoenix-Device", device));

        assertThat(forDevice.status()).isEqualTo(200);
        assertThat(forDevice.body().path("deviceId").asText()).isEqualTo(device);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_DEVICE");
        assertThat(nobody.status()).isEqualTo(403); // the bridge as itself is no device
        assertThat(nobody.code()).isEqualTo("FORBIDDEN");
        assertThat(inactive.status()).isEqualTo(403);
        assertThat(inactive.code()).isEqualTo("DEVICE_INACTIVE");
        assertThat(api.post("/api/rooms", BRIDGE_KEY, Map.of("name", "X", "capacity", 1)).status()).isEqualTo(401);
    }

    @Test
    void theBridgeLearnsWhetherItsKeyIsAccepted() {
        String device = deviceId();
        String deviceKey = registerDevice(device);

        Api.Answer bridge = api.get("/api/iot/bridge", BRIDGE_KEY);
        Api.Answer wrongKey = api.get("/api/iot/bridge", "not-the-bridge-key");
        Api.Answer aDevice = api.get("/api/iot/bridge", deviceKey);
        Api.Answer forADevice = api.send("GET", "/api/iot/bridge", BRIDGE_KEY, null, Map.of("X-Phoenix-Device", device));

        assertThat(bridge.status()).isEqualTo(200);
        assertThat(bridge.body().path("accepted").asBoolean()).isTrue();
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(aDevice.status()).isEqualTo(403);
        assertThat(forADevice.status()).isEqualTo(403);
    }
}
