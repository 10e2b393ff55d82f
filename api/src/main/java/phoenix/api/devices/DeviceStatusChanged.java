package phoenix.api.devices;

public record DeviceStatusChanged(String deviceId, DeviceStatus status, DeviceStatus previousStatus) {
}
