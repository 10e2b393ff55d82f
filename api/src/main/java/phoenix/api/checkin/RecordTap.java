package phoenix.api.checkin;

import phoenix.api.PersonalData;

import java.time.Instant;
import java.util.UUID;

/**
 * One RFID tap on a reader. {@code tapId} is the reader's id of the tap: the same tap delivered twice answers the
 * same and changes nothing. {@code roomId} null means the room of the device's running session.
 */
public record RecordTap(String tapId, String deviceId, @PersonalData String tag, UUID roomId, Instant tappedAt) {
}
