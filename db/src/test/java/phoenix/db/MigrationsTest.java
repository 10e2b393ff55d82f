package phoenix.db;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(FreshDatabaseExtension.class)
class MigrationsTest {

    private static DataSource dataSource;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void migrate(TestDatabase database) {
        dataSource = database.dataSource();
        jdbc = new JdbcTemplate(dataSource);
        assertThat(Migrations.migrate(dataSource, "classpath:db/migration").success).isTrue();
    }

    @Test
    void migrationsCreateTheElevenDomainSchemasTheEventStoreAndTheRebuildSchema() {
        List<String> schemas = jdbc.queryForList(
                "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'",
                String.class);
        assertThat(schemas).containsExactlyInAnyOrder("public", "auth", "users", "education", "facilities",
                "activities", "active", "schedule", "iot", "feedback", "config", "audit", "eventstore", "rebuild");
    }

    @Test
    void nothingLivesInPublicAfterAllMigrations() throws Exception {
        assertThat(SchemaRules.objectsInPublic(dataSource)).isEmpty();
    }

    @Test
    void everyMigrationNamesTheSchemaOfEachTableItCreates() throws Exception {
        Resource[] migrations = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*.sql");
        assertThat(migrations).hasSizeGreaterThan(5);
        List<String> unqualified = new ArrayList<>();
        for (Resource migration : migrations) {
            unqualified.addAll(SchemaRules.unqualifiedCreateTables(migration.getFilename(),
                    SchemaRules.read(migration.getInputStream())));
        }
        assertThat(unqualified).isEmpty();
    }

    @Test
    void axonPayloadTokenAndMetadataColumnsAreByteaNotLargeObjects() {
        List<String> types = jdbc.queryForList("""
                SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns
                 WHERE table_schema = 'eventstore'
                   AND column_name IN ('payload', 'meta_data', 'token', 'serialized_saga', 'diagnostics')
                """, String.class);
        assertThat(types).hasSize(10).allSatisfy(type -> assertThat(type).endsWith(":bytea"));
    }

    @Test
    void globalIndexSequenceIncrementsByOne() {
        assertThat(jdbc.queryForObject("SELECT increment_by FROM pg_sequences WHERE schemaname = 'eventstore' "
                + "AND sequencename = 'domain_event_entry_seq'", Long.class)).isEqualTo(1L);
    }

    @Test
    void eventLogRefusesUpdateDeleteAndTruncate() {
        jdbc.update("""
                INSERT INTO audit.event_log (global_position, event_id, event_type, occurred_at, actor_type, payload)
                VALUES (1, 'e-1', 'RoomRegistered', now(), 'SYSTEM', '{}')
                """);
        assertThatThrownBy(() -> jdbc.update("UPDATE audit.event_log SET event_type = 'X'"))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit.event_log"))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE audit.event_log"))
                .hasStackTraceContaining("append-only");
        assertThat(jdbc.queryForObject("SELECT event_type FROM audit.event_log", String.class))
                .isEqualTo("RoomRegistered");
    }

    @Test
    void authEventsRefuseUpdateDeleteAndTruncate() {
        jdbc.update("INSERT INTO audit.auth_events (occurred_at, kind) VALUES (now(), 'LOGIN_FAILED')");
        assertThatThrownBy(() -> jdbc.update("UPDATE audit.auth_events SET kind = 'LOGIN_SUCCEEDED'"))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit.auth_events"))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE audit.auth_events"))
                .hasStackTraceContaining("append-only");
    }
}
