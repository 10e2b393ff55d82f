package phoenix.api.devices;

public record DeviceRegistered(String deviceId, String name, String type, String apiKeyHash, DeviceStatus status) {
}
