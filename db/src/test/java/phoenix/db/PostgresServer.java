package phoenix.db;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL server that test databases are created on: a Testcontainers PostgreSQL 15 when a Docker engine is
 * reachable, else the local server (127.0.0.1:5432, user postgres, trust auth; override with PHOENIX_TEST_PG_HOST,
 * _PORT, _USER, _PASSWORD). PHOENIX_TEST_DOCKER=never skips the Docker probe.
 */
final class PostgresServer {

    private static PostgresServer instance;

    final String host;
    final int port;
    final String username;
    final String password;
    final String description;

    private PostgresServer(String host, int port, String username, String password, String description) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.description = description;
    }

    static synchronized PostgresServer get() {
        if (instance == null) {
            instance = dockerWanted() && dockerAvailable() ? container() : local();
        }
        return instance;
    }

    java.sql.Connection connect(String database) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl(database), username, password);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static boolean dockerWanted() {
        return !"never".equalsIgnoreCase(System.getenv().getOrDefault("PHOENIX_TEST_DOCKER", "auto"));
    }

    private static boolean dockerAvailable() {
        // without a socket or DOCKER_HOST there is no engine to find; asking Testcontainers would log an error
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false;
        }
        // Testcontainers throws, and will not retry in this JVM, when it finds no engine: ask first.
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' Ryuk when the JVM ends
    private static PostgresServer container() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15");
        container.start();
        return new PostgresServer(container.getHost(), container.getMappedPort(5432), container.getUsername(),
                container.getPassword(), "Testcontainers " + container.getDockerImageName());
    }

    private static PostgresServer local() {
        String host = System.getenv().getOrDefault("PHOENIX_TEST_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("PHOENIX_TEST_PG_PORT", "5432"));
        return new PostgresServer(host, port,
                System.getenv().getOrDefault("PHOENIX_TEST_PG_USER", "postgres"),
                System.getenv().getOrDefault("PHOENIX_TEST_PG_PASSWORD", ""),
                "local PostgreSQL " + host + ":" + port);
    }
}
