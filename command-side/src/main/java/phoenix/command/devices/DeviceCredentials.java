package phoenix.command.devices;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.devices.DeviceKeyRotated;
import phoenix.api.devices.DeviceRegistered;
import phoenix.api.devices.DeviceStatus;
import phoenix.api.devices.DeviceStatusChanged;

import java.util.Optional;

/**
 * The device API's view of devices: key hash and status, kept in the same transaction as the device's events, so
 * a rotated key or a deactivated device is refused from the moment the change commits.
 */
@Component
@ProcessingGroup("device-credentials")
class DeviceCredentials {

    record Credential(String deviceId, DeviceStatus status) {
    }

    private final JdbcClient jdbc;

    DeviceCredentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Credential> byKeyHash(String keyHash) {
        return jdbc.sql("SELECT device_id, status FROM iot.device_credentials WHERE key_hash = ?")
                .param(keyHash)
                .query((rs, row) -> new Credential(rs.getString(1), DeviceStatus.valueOf(rs.getString(2))))
                .optional();
    }

    Optional<Credential> byDeviceId(String deviceId) {
        return jdbc.sql("SELECT device_id, status FROM iot.device_credentials WHERE device_id = ?")
                .param(deviceId)
                .query((rs, row) -> new Credential(rs.getString(1), DeviceStatus.valueOf(rs.getString(2))))
                .optional();
    }

    @EventHandler
    void on(DeviceRegistered event) {
        jdbc.sql("INSERT INTO iot.device_credentials (device_id, key_hash, status) VALUES (?, ?, ?)")
                .param(event.deviceId()).param(event.apiKeyHash()).param(event.status().name())
                .update();
    }

    @EventHandler
    void on(DeviceKeyRotated event) {
        jdbc.sql("UPDATE iot.device_credentials SET key_hash = ? WHERE device_id = ?")
                .param(event.apiKeyHash()).param(event.deviceId())
                .update();
    }

    @EventHandler
    void on(DeviceStatusChanged event) {
        jdbc.sql("UPDATE iot.device_credentials SET status = ? WHERE device_id = ?")
                .param(event.status().name()).param(event.deviceId())
                .update();
    }
}
