package phoenix.api.devices;

import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;

import java.util.regex.Pattern;

/** Device ids such as {@code RFID-MAIN-001}; they become MQTT topic levels, so no '/', '+' or '#'. */
public final class DeviceId {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private DeviceId() {
    }

    public static String requireValid(String deviceId) {
        if (deviceId == null || !VALID.matcher(deviceId).matches()) {
            throw new PhoenixException(ErrorCode.INVALID_DEVICE_ID,
                    "A device id is 1 to 64 letters, digits, '-' or '_', starting with a letter or digit.");
        }
        return deviceId;
    }
}
