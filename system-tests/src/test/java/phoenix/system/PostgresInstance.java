package phoenix.system;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, made with initdb and run with pg_ctl on a free loopback port, which a test
 * may crash and start again: never the machine's server. PostgreSQL refuses to run as root, so as root it runs as
 * the user {@code postgres}.
 */
final class PostgresInstance implements AutoCloseable {

    private static final String DATABASE = "phoenix_faults";

    private final Path directory;
    private final Path data;
    private final Path log;
    private final int port;
    private final String binaries;

    private PostgresInstance() throws Exception {
        binaries = output("pg_config", "--bindir").strip();
        port = freePort();
        directory = Files.createTempDirectory("phoenix-postgres-" + port + "-");
        data = directory.resolve("data");
        log = directory.resolve("postgres.log");
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", directory.toString()), false);
        }
        run(List.of(binaries + "/initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--no-instructions"), true);
    }

    /** A new server, started, with an empty database of its own. */
    static PostgresInstance start() throws Exception {
        PostgresInstance server = new PostgresInstance();
        server.launch();
        try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        return server;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser("postgres");
        return dataSource;
    }

    /** A crash (immediate shutdown: no checkpoint, every connection cut) and a start, as after a power cut. */
    void crashAndRestart() throws Exception {
        run(List.of(binaries + "/pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"), true);
        launch();
    }

    @Override
    public void close() throws Exception {
        try {
            run(List.of(binaries + "/pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"), true);
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private void launch() throws Exception {
        run(List.of(binaries + "/pg_ctl", "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -k " + directory + " -c max_connections=200",
                "start"), true);
    }

    private Connection connect(String database) throws SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database,
                "postgres", "");
    }

    private void run(List<String> command, boolean asPostgres) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgres && isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output
                    + (Files.exists(log) ? "\n" + Files.readString(log) : ""));
        }
    }

    private static String output(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
