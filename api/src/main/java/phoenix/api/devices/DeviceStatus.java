package phoenix.api.devices;

/** Only {@code ACTIVE} devices may use the device API. */
public enum DeviceStatus {
    ACTIVE,
    INACTIVE,
    MAINTENANCE
}
