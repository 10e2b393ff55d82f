package phoenix.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A Mosquitto of the test's own, configured as the project's loss-free local broker (docker/mosquitto/local.conf:
 * queue limits, persistence, anonymous on loopback) but on a free loopback port and with its persistence in a
 * temporary directory. The machine's broker on 1883 is never touched.
 */
final class MosquittoBroker implements AutoCloseable {

    private static final String BINARY = Files.isExecutable(Path.of("/usr/sbin/mosquitto"))
            ? "/usr/sbin/mosquitto" : "mosquitto";

    private final int port;
    private final Path directory;
    private final Path config;
    private final Path log;
    private Process process;

    private MosquittoBroker() throws IOException {
        port = freePort();
        directory = Files.createTempDirectory("phoenix-mosquitto-" + port + "-");
        Files.createDirectories(directory.resolve("data"));
        config = directory.resolve("mosquitto.conf");
        log = directory.resolve("mosquitto.log");
        Files.writeString(config, configuration(Projects.root().resolve("docker/mosquitto/local.conf"), port,
                directory.resolve("data")));
    }

    /** A new broker, started. */
    static MosquittoBroker start() throws IOException {
        MosquittoBroker broker = new MosquittoBroker();
        broker.launch();
        return broker;
    }

    /**
     * The project's local.conf with only the listener (a free loopback port) and the persistence location (a
     * temporary directory) changed; every other setting, the queue limits above all, stays as the project ships it.
     */
    static String configuration(Path localConf, int port, Path persistence) throws IOException {
        List<String> lines = Files.readAllLines(localConf);
        StringBuilder text = new StringBuilder();
        boolean listener = false;
        boolean location = false;
        for (String line : lines) {
            String setting = line.strip();
            if (setting.startsWith("listener ")) {
                text.append("listener ").append(port).append(" 127.0.0.1\n");
                listener = true;
            } else if (setting.startsWith("persistence_location ")) {
                text.append("persistence_location ").append(persistence).append("/\n");
                location = true;
            } else {
                text.append(line).append('\n');
            }
        }
        if (!listener || !location || !text.toString().contains("\npersistence true")
                || !text.toString().contains("\nmax_queued_messages ")) {
            throw new IllegalStateException(localConf + " no longer has the listener, persistence and queue "
                    + "settings this broker relies on:\n" + text);
        }
        return text.toString();
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** What the broker logged since its first start. */
    String log() throws IOException {
        return Files.readString(log);
    }

    /**
     * Stops the broker as an orchestrator would (SIGTERM: it writes its persistence file) and starts it again on the
     * same port: sessions, subscriptions and queued messages come back from the file.
     */
    void restart() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("mosquitto did not stop within 30 s of SIGTERM");
        }
        launch();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: nothing else to do
        }
    }

    private void launch() {
        try {
            process = new ProcessBuilder(BINARY, "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + BINARY + " (is Mosquitto installed?)", e);
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(this::acceptsConnections);
    }

    private boolean acceptsConnections() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ":\n" + log());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
