package phoenix.command.devices;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bridgeKey the device bridge's credential (a long random secret, env PHOENIX_DEVICES_BRIDGE_KEY): with it
 *                  and the header X-Phoenix-Device the bridge uses the device API for a registered, active device.
 *                  Empty: no bridge may connect.
 */
@ConfigurationProperties("phoenix.devices")
public record DeviceProperties(String bridgeKey) {

    @Override
    public String toString() {
        return "DeviceProperties[bridgeKey=" + (bridgeKey == null ? "none" : "***") + "]";
    }
}
