package phoenix.bridge.taps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import phoenix.bridge.mqtt.Mosquitto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Stands in for the command side's device API in the bridge's own tests (the real one is exercised by the system
 * tests): records each call and answers as the test says.
 */
public final class FakeDeviceApi implements AutoCloseable {

    public record Call(String authorization, String device, JsonNode body) {
    }

    public record Answer(int status, String json) {
        public static Answer tapped(String action, String message) {
            return new Answer(200, "{\"action\":\"" + action + "\",\"message\":\"" + message + "\"}");
        }

        public static Answer refused(int status, String code) {
            return new Answer(status, "{\"status\":" + status + ",\"code\":\"" + code + "\",\"detail\":\"refused\"}");
        }
    }

    private static final ObjectMapper json = new ObjectMapper();

    public final int port;
    public final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile Function<Call, Answer> answers = call -> Answer.tapped("checked_in", "Hallo!");
    private volatile int credentialCheck = 200;

    public FakeDeviceApi() {
        this(Mosquitto.freePort());
    }

    /** On a port chosen before: a bridge may already be calling it in vain. */
    public FakeDeviceApi(int port) {
        this.port = port;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/api/iot/taps", this::tap);
        server.createContext("/api/iot/bridge", this::credentialCheck);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public void answer(Function<Call, Answer> answers) {
        this.answers = answers;
    }

    /** What the bridge's credential check answers: 200 (accepted) or 401. */
    public void credentialCheck(int status) {
        this.credentialCheck = status;
    }

    private void credentialCheck(HttpExchange exchange) throws IOException {
        Answer answer = credentialCheck == 200 ? new Answer(200, "{\"accepted\":true}")
                : Answer.refused(credentialCheck, "UNAUTHENTICATED");
        respond(exchange, answer);
    }

    private void tap(HttpExchange exchange) throws IOException {
        Call call = new Call(exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Phoenix-Device"),
                json.readTree(exchange.getRequestBody()));
        calls.add(call);
        respond(exchange, answers.apply(call));
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.status() == 200 ? "application/json"
                : "application/problem+json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
