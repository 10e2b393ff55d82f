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
final class FakeDeviceApi implements AutoCloseable {

    record Call(String authorization, String device, JsonNode body) {
    }

    record Answer(int status, String json) {
        static Answer tapped(String action, String message) {
            return new Answer(200, "{\"action\":\"" + action + "\",\"message\":\"" + message + "\"}");
        }

        static Answer refused(int status, String code) {
            return new Answer(status, "{\"status\":" + status + ",\"code\":\"" + code + "\",\"detail\":\"refused\"}");
        }
    }

    private static final ObjectMapper json = new ObjectMapper();

    final int port = Mosquitto.freePort();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile Function<Call, Answer> answers = call -> Answer.tapped("checked_in", "Hallo!");

    FakeDeviceApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/api/iot/taps", this::tap);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void answer(Function<Call, Answer> answers) {
        this.answers = answers;
    }

    private void tap(HttpExchange exchange) throws IOException {
        Call call = new Call(exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Phoenix-Device"),
                json.readTree(exchange.getRequestBody()));
        calls.add(call);
        Answer answer = answers.apply(call);
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
