package phoenix.bridge.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A Mosquitto broker of a test's own, on a free local port, that the test can kill and start again on the same port.
 * Tests may read the log of the running broker.
 */
public final class Mosquitto implements AutoCloseable {

    private final int port;
    private final Path config;
    private final Path log;
    private Process process;

    public Mosquitto() {
        this.port = freePort();
        try {
            config = Files.createTempFile("mosquitto-" + port + "-", ".conf");
            log = Files.createTempFile("mosquitto-" + port + "-", ".log");
            // Mosquitto 2 with a config file listens only where told; stderr because it is not buffered; the
            // project's queue limits (docker/mosquitto), as the defaults drop messages past 1000 queued
            Files.writeString(config, """
                    listener %d 127.0.0.1
                    allow_anonymous true
                    persistence false
                    max_queued_messages 100000
                    max_queued_bytes 0
                    max_inflight_messages 0
                    set_tcp_nodelay true
                    log_dest stderr
                    """.formatted(port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port on 127.0.0.1 where nothing listened a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts the broker and returns once it accepts connections. */
    public Mosquitto start() {
        try {
            process = new ProcessBuilder("mosquitto", "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start mosquitto (is it installed?)", e);
        }
        await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(IOException.class)
                .until(this::acceptsConnections);
        return this;
    }

    /** Ends the broker process abruptly, as a crash would. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** What the broker logged since it was last started: connections, with client id and session flags. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kill();
        try {
            Files.deleteIfExists(config);
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // temp files; nothing to do
        }
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
}
