package phoenix.db;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A PostgreSQL database created for one test run and dropped after it, so runs never see each other's data and no
 * test touches the {@code phoenix} database. Databases left behind by killed runs are dropped after a day.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String PREFIX = "phoenix_test_";
    private static final Duration ABANDONED_AFTER = Duration.ofHours(24);
    private static final AtomicBoolean leftoversDropped = new AtomicBoolean();

    private final PostgresServer server;
    private final String name;
    private final AtomicBoolean dropped = new AtomicBoolean();

    private TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Creates a new, empty database (no schemas beyond public; the apps' Flyway migrations fill it). */
    public static TestDatabase create() {
        PostgresServer server = PostgresServer.get();
        String name = PREFIX + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
            if (leftoversDropped.compareAndSet(false, true)) {
                dropAbandoned(statement);
            }
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database on " + server.description
                    + " (is PostgreSQL running?)", e);
        }
        TestDatabase database = new TestDatabase(server, name);
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "drop-" + name));
        return database;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public String username() {
        return server.username;
    }

    public String password() {
        return server.password;
    }

    /** Runs the apps' migrations, as their Flyway does at start-up; returns this database. */
    public TestDatabase migrate() {
        Migrations.migrate(dataSource(), "classpath:db/migration");
        return this;
    }

    /** The three spring.datasource.* settings of this database, for an app a test starts itself. */
    public String[] springProperties() {
        return new String[] {"spring.datasource.url=" + jdbcUrl(), "spring.datasource.username=" + username(),
                "spring.datasource.password=" + password()};
    }

    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(username());
        dataSource.setPassword(password());
        return dataSource;
    }

    /** Drops the database, closing whatever connections are still open to it. Safe to call twice. */
    @Override
    public void close() {
        if (!dropped.compareAndSet(false, true)) {
            return;
        }
        try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static void dropAbandoned(Statement statement) throws SQLException {
        long cutoff = Instant.now().minus(ABANDONED_AFTER).getEpochSecond();
        List<String> abandoned = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(
                "SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'")) {
            while (rs.next()) {
                String[] parts = rs.getString(1).substring(PREFIX.length()).split("_");
                if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
                    abandoned.add(rs.getString(1));
                }
            }
        }
        for (String database : abandoned) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Override
    public String toString() {
        return name + " on " + server.description;
    }
}
