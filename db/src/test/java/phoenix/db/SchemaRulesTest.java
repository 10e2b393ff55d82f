package phoenix.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules must catch a bad migration, or their passing on the real ones proves nothing. The bad migrations are
 * written by the test into a folder of its own: as files in the repository they would break the rules they test.
 */
@ExtendWith(FreshDatabaseExtension.class)
class SchemaRulesTest {

    /** Breaks ADR-002: an unqualified table lands in whatever schema the search path names first. */
    private static final String FORGETS_ITS_SCHEMA = """
            -- a migration that forgets its schema
            CREATE TABLE pupils (id INTEGER PRIMARY KEY);
            """;
    /** Flyway's search path is the config schema; these name public outright. */
    private static final String PUTS_OBJECTS_IN_PUBLIC = """
            CREATE SEQUENCE public.pupil_numbers;
            CREATE FUNCTION public.next_pupil_number() RETURNS BIGINT LANGUAGE sql
                AS 'SELECT nextval(''public.pupil_numbers'')';
            CREATE VIEW public.pupil_list AS SELECT 1 AS id;
            """;

    @Test
    void objectsCreatedInPublicAreCaught(TestDatabase database, @TempDir Path migrations) throws Exception {
        Files.writeString(migrations.resolve("V1__forgets_its_schema.sql"), FORGETS_ITS_SCHEMA);
        Files.writeString(migrations.resolve("V2__puts_objects_in_public.sql"), PUTS_OBJECTS_IN_PUBLIC);

        Migrations.migrate(database.dataSource(), "filesystem:" + migrations);

        assertThat(SchemaRules.objectsInPublic(database.dataSource())).containsExactlyInAnyOrder(
                "S public.pupil_numbers", "v public.pupil_list", "function public.next_pupil_number");
    }

    @Test
    void anUnqualifiedCreateTableIsCaughtWithItsLine() {
        assertThat(SchemaRules.unqualifiedCreateTables("V1__forgets_its_schema.sql", FORGETS_ITS_SCHEMA))
                .containsExactly("V1__forgets_its_schema.sql:2: CREATE TABLE pupils");
    }

    @Test
    void qualifiedTablesAndCommentsPass() {
        String sql = """
                -- CREATE TABLE not_a_table (id int);
                /* CREATE TABLE
                   neither (id int); */
                CREATE TABLE IF NOT EXISTS users.persons (id uuid);
                create unlogged table "audit" . "x" (id int);
                """;

        assertThat(SchemaRules.unqualifiedCreateTables("V9__ok.sql", sql)).isEmpty();
    }

    @Test
    void temporaryAndIfNotExistsVariantsAreCaughtToo() {
        String sql = "CREATE TEMP TABLE scratch (id int);\ncreate table if not exists lost(id int);";

        assertThat(SchemaRules.unqualifiedCreateTables("V9__bad.sql", sql))
                .containsExactly("V9__bad.sql:1: CREATE TABLE scratch", "V9__bad.sql:2: CREATE TABLE lost");
    }
}
