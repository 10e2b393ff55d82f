package phoenix.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/** Flyway as the apps configure it (spring.flyway.* in their application.yml). */
final class Migrations {

    /** Flyway's history table lives here, so nothing, not even Flyway, uses public. */
    static final String HISTORY_SCHEMA = "config";

    private Migrations() {
    }

    static MigrateResult migrate(DataSource dataSource, String location) {
        return Flyway.configure()
                .dataSource(dataSource)
                .defaultSchema(HISTORY_SCHEMA)
                .schemas(HISTORY_SCHEMA)
                .locations(location)
                .load()
                .migrate();
    }
}
