package phoenix.api.devices;

/** The old key stops working in the same transaction that records this event. */
public record DeviceKeyRotated(String deviceId, String apiKeyHash) {
}
