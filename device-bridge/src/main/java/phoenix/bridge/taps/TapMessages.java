package phoenix.bridge.taps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.tags.RfidTag;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Reads a reader's tap message {@code {"tapId","tag","roomId","tappedAt"}} and refuses what is malformed: too big,
 * not JSON, missing or mistyped fields, another device's id, an invalid tag, a time in the future.
 */
@Component
class TapMessages {

    private final ObjectMapper json;
    private final BridgeProperties properties;
    private final Clock clock;

    TapMessages(ObjectMapper json, BridgeProperties properties, Clock clock) {
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    Tap read(String deviceId, byte[] payload) throws Refusal {
        if (payload.length > properties.maxPayload().toBytes()) {
            throw new Refusal(ErrorCode.PAYLOAD_TOO_LARGE,
                    "A tap message has at most " + properties.maxPayload().toBytes() + " bytes.", null);
        }
        JsonNode message;
        try {
            message = json.readTree(payload);
        } catch (IOException | RuntimeException e) {
            throw new Refusal(ErrorCode.MALFORMED_MESSAGE, "A tap message is a JSON object.", null);
        }
        if (message == null || !message.isObject()) {
            throw new Refusal(ErrorCode.MALFORMED_MESSAGE, "A tap message is a JSON object.", null);
        }
        String tapId = text(message, "tapId", true, null);
        if (tapId.isBlank() || tapId.length() > 100) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "tapId has 1 to 100 characters.", null);
        }
        String device = text(message, "deviceId", false, tapId);
        if (device != null && !device.equals(deviceId)) {
            throw new Refusal(ErrorCode.DEVICE_MISMATCH, "The message names another device than its topic.", tapId);
        }
        String tag;
        try {
            tag = RfidTag.normalise(text(message, "tag", true, tapId));
        } catch (PhoenixException e) {
            throw new Refusal(ErrorCode.INVALID_TAG, e.getMessage(), tapId);
        }
        return new Tap(tapId, tag, roomId(message, tapId), tappedAt(message, tapId));
    }

    private UUID roomId(JsonNode message, String tapId) throws Refusal {
        String room = text(message, "roomId", false, tapId);
        try {
            return room == null ? null : UUID.fromString(room);
        } catch (IllegalArgumentException e) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "roomId is a UUID.", tapId);
        }
    }

    private Instant tappedAt(JsonNode message, String tapId) throws Refusal {
        String time = text(message, "tappedAt", false, tapId);
        if (time == null) {
            return null;
        }
        Instant tappedAt;
        try {
            tappedAt = Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "tappedAt is an ISO-8601 instant such as 2026-12-01T13:05:00Z.",
                    tapId);
        }
        if (tappedAt.isAfter(clock.instant().plus(properties.maxClockSkew()))) {
            throw new Refusal(ErrorCode.TAPPED_AT_IN_FUTURE, "tappedAt is in the future: is the reader's clock right?",
                    tapId);
        }
        return tappedAt;
    }

    private static String text(JsonNode message, String field, boolean required, String tapId) throws Refusal {
        JsonNode value = message.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new Refusal(ErrorCode.MISSING_FIELD, field + " is missing.", tapId);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new Refusal(ErrorCode.INVALID_FIELD, field + " is a string.", tapId);
        }
        return value.asText();
    }
}
