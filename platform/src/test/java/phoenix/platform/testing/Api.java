package phoenix.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Real HTTP against an app under test (in the test's JVM or a separate process); answers read as JSON. */
public class Api {

    private static final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(int port) {
        this("http://localhost:" + port);
    }

    public Api(String base) {
        this.base = base;
    }

    /** One answer: status, headers and the body as JSON (MissingNode when empty or not JSON). */
    public record Answer(int status, Map<String, java.util.List<String>> headers, String text, JsonNode body) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }

        /** The problem+json code of a refusal. */
        public String code() {
            return body.path("code").asText(null);
        }

        public long position() {
            String position = header("X-Phoenix-Position");
            if (position == null) {
                throw new AssertionError("No X-Phoenix-Position in answer " + status + " " + text);
            }
            return Long.parseLong(position);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    public Answer get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    public Answer get(String path, String token, Map<String, String> headers) {
        return send("GET", path, token, null, headers);
    }

    public Answer post(String path, String token, Object body) {
        return send("POST", path, token, body, Map.of());
    }

    public Answer put(String path, String token, Object body) {
        return send("PUT", path, token, body, Map.of());
    }

    public Answer delete(String path, String token) {
        return send("DELETE", path, token, null, Map.of());
    }

    public Answer delete(String path, String token, Object body) {
        return send("DELETE", path, token, body, Map.of());
    }

    /** {@code body} is serialised as JSON unless it is a String, which is sent as it is. */
    public Answer send(String method, String path, String token, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json, application/problem+json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::setHeader); // may replace the defaults above
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String text = body instanceof String raw ? raw : json.writeValueAsString(body);
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(text));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logs in and answers the access token. */
    public String login(String email, String password) {
        Answer answer = post("/api/auth/login", null, Map.of("email", email, "password", password));
        if (answer.status() != 200) {
            throw new AssertionError("Login failed: " + answer);
        }
        return answer.body().path("accessToken").asText();
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
