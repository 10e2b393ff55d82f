package phoenix.system;

import phoenix.platform.testing.Api;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One of Phoenix's apps, started from its packaged jar as its own process, the way README.md runs it. */
final class App implements AutoCloseable {

    final String module;
    final int port;
    final Api api;
    private final Process process;
    private final long startedAt = System.nanoTime();
    private final Path log;
    private Duration startup;

    private App(String module, int port, Process process, Path log) {
        this.module = module;
        this.port = port;
        this.process = process;
        this.log = log;
        this.api = new Api(port);
    }

    static App start(String module, Map<String, String> environment) throws IOException {
        return start(module, environment, freePort());
    }

    /** On a given port, as when an app starts again where others already call it. */
    static App start(String module, Map<String, String> environment, int port) throws IOException {
        Path root = Projects.root();
        Path jar = root.resolve(module).resolve("target").resolve(module + "-0.1.0.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run `mvn package` (the reactor builds it first)");
        }
        // two bridges at once: each its own log
        Path log = root.resolve("system-tests/target").resolve(module + (module.equals("device-bridge") ? "-" + port : "")
                + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        return new App(module, port, builder.start(), log);
    }

    /** Waits until /actuator/health answers UP; remembers how long the start took. */
    App awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if ("UP".equals(api.get("/actuator/health", null).body().path("status").asText())) {
                    startup = Duration.ofNanos(System.nanoTime() - startedAt);
                    return this;
                }
            } catch (IllegalStateException notYetListening) {
                // connection refused while starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(module + " not healthy after " + timeout + "; see " + log);
    }

    Duration startup() {
        return startup;
    }

    /** Resident memory of the process in MiB (Linux). */
    long residentMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: the process ends at once, without a goodbye to anyone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as Ctrl-C in the run script does; answers whether it ended within the timeout. */
    boolean stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !stop(Duration.ofSeconds(20))) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }
}
