package phoenix.query.iot;

import org.junit.jupiter.api.Test;
import phoenix.api.devices.DeviceKeyRotated;
import phoenix.api.devices.DeviceRegistered;
import phoenix.api.devices.DeviceStatus;
import phoenix.api.devices.DeviceStatusChanged;
import phoenix.platform.testing.Api;
import phoenix.query.QuerySideTest;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceQueryTest extends QuerySideTest {

    @Test
    void aDeviceIsShownWithItsStatusAndKeyRotationButNeverItsKey() {
        String device = "RFID-Q-" + UUID.randomUUID().toString().substring(0, 6);
        append("Device", device, new DeviceRegistered(device, "Tür Mensa", "RFID_READER", "hash-1", DeviceStatus.ACTIVE));
        append("Device", device, new DeviceStatusChanged(device, DeviceStatus.MAINTENANCE, DeviceStatus.ACTIVE));
        long position = append("Device", device, new DeviceKeyRotated(device, "hash-2"));

        Api.Answer answer = getAfter(position, "/api/devices/" + device, staff);

        assertThat(answer.body().path("name").asText()).isEqualTo("Tür Mensa");
        assertThat(answer.body().path("status").asText()).isEqualTo("MAINTENANCE");
        assertThat(answer.body().path("keyRotatedAt").asText()).isNotBlank();
        assertThat(answer.body().path("online").asBoolean()).isFalse();
        assertThat(answer.text()).doesNotContain("hash-");
        assertThat(api.get("/api/devices?size=200", staff).body().path("items").toString()).contains(device);
    }

    @Test
    void anUnknownDeviceIs404() {
        assertThat(api.get("/api/devices/NOPE", staff).code()).isEqualTo("DEVICE_NOT_FOUND");
    }
}
