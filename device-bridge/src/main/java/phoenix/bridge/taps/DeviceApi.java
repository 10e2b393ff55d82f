package phoenix.bridge.taps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The command side's device API, called with the bridge's credential on behalf of a reader
 * ({@code X-Phoenix-Device}). A refusal is an answer; no answer, a server error or a concurrent change is
 * {@link Unavailable}: the tap must be tried again.
 */
@Component
class DeviceApi {

    /** The command side did not answer the tap: try again later. */
    static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    private final HttpClient http;
    private final ObjectMapper json;
    private final BridgeProperties properties;
    private final URI taps;

    DeviceApi(ObjectMapper json, BridgeProperties properties) {
        this.json = json;
        this.properties = properties;
        this.taps = properties.commandSideUrl().resolve("/api/iot/taps");
        this.http = HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build();
    }

    Result tap(String deviceId, Tap tap) throws Unavailable, InterruptedException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(taps)
                    .timeout(properties.requestTimeout())
                    .header("Authorization", "Bearer " + properties.key())
                    .header("X-Phoenix-Device", deviceId)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, application/problem+json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(tap)))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unavailable(e.toString());
        }
        JsonNode answer = read(response.body());
        if (response.statusCode() == 200) {
            return new Result(tap.tapId(), answer.path("action").asText(), answer.path("message").asText(null), null);
        }
        String code = answer.path("code").asText(null);
        // UNAUTHENTICATED: the bridge's own key is wrong; the taps wait until it is fixed, none is answered wrongly
        if (response.statusCode() >= 500 || response.statusCode() == 429 || code == null
                || ErrorCode.CONCURRENT_MODIFICATION.name().equals(code) || ErrorCode.UNAUTHENTICATED.name().equals(code)) {
            throw new Unavailable("HTTP " + response.statusCode() + (code == null ? "" : " " + code));
        }
        return Result.rejected(tap.tapId(), code, answer.path("detail").asText(null));
    }

    private JsonNode read(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.missingNode();
        }
    }
}
