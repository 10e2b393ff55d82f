package phoenix.bridge.taps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The command side's device API, called with the bridge's credential on behalf of a reader
 * ({@code X-Phoenix-Device}). A refusal is an answer; no answer, a server error, a refused bridge key or a
 * concurrent change is {@link Unavailable}: the tap must be tried again. What it learns of the command side goes to
 * {@link CommandSideStatus}; it also asks on its own, every {@code phoenix.bridge.check-interval}, so that a wrong
 * key shows before the first tap.
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
    private final CommandSideStatus status;
    private final URI taps;
    private final URI credentialCheck;

    DeviceApi(ObjectMapper json, BridgeProperties properties, CommandSideStatus status) {
        this.json = json;
        this.properties = properties;
        this.status = status;
        this.taps = properties.commandSideUrl().resolve("/api/iot/taps");
        this.credentialCheck = properties.commandSideUrl().resolve("/api/iot/bridge");
        this.http = HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build();
    }

    /** Asks the command side whether it takes the bridge's key, and notes the answer. */
    @Scheduled(fixedDelayString = "${phoenix.bridge.check-interval:10s}")
    void checkCredential() throws InterruptedException {
        if (!properties.hasKey()) {
            return;
        }
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(credentialCheck)
                    .timeout(properties.requestTimeout())
                    .header("Authorization", "Bearer " + properties.key())
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                status.answered();
            } else if (response.statusCode() == 401) {
                status.keyRefused();
            } else {
                status.unreachable("HTTP " + response.statusCode() + " to the bridge's credential check");
            }
        } catch (IOException e) {
            status.unreachable(e.toString());
        }
    }

    Result tap(String deviceId, Tap tap) throws Unavailable, InterruptedException {
        if (!properties.hasKey()) {
            throw new Unavailable("phoenix.bridge.key is not set");
        }
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
            status.unreachable(e.toString());
            throw new Unavailable(e.toString());
        }
        JsonNode answer = read(response.body());
        String code = answer.path("code").asText(null);
        String failure = "HTTP " + response.statusCode() + (code == null ? "" : " " + code);
        if (ErrorCode.UNAUTHENTICATED.name().equals(code)) {
            // the bridge's own key is wrong: the taps wait until it is fixed, none is answered wrongly
            status.keyRefused();
            throw new Unavailable(failure);
        }
        if (response.statusCode() >= 500 || code == null && response.statusCode() != 200) {
            status.unreachable(failure);
            throw new Unavailable(failure);
        }
        status.answered();
        if (response.statusCode() == 200) {
            return new Result(tap.tapId(), answer.path("action").asText(), answer.path("message").asText(null), null);
        }
        if (response.statusCode() == 429 || ErrorCode.CONCURRENT_MODIFICATION.name().equals(code)) {
            throw new Unavailable(failure); // busy, not broken: again in a moment
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
