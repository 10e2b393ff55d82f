package phoenix.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules must catch a bad migration, or their passing on the real ones proves nothing. */
@ExtendWith(FreshDatabaseExtension.class)
class SchemaRulesTest {

    @Test
    void objectsCreatedInPublicAreCaught(TestDatabase database) throws Exception {
        Migrations.migrate(database.dataSource(), "classpath:bad-migrations");

        assertThat(SchemaRules.objectsInPublic(database.dataSource())).containsExactlyInAnyOrder(
                "S public.pupil_numbers", "v public.pupil_list", "function public.next_pupil_number");
    }

    @Test
    void anUnqualifiedCreateTableIsCaughtWithItsLine() throws Exception {
        String sql = SchemaRules.read(Objects.requireNonNull(
                getClass().getResourceAsStream("/bad-migrations/V1__forgets_its_schema.sql")));

        assertThat(SchemaRules.unqualifiedCreateTables("V1__forgets_its_schema.sql", sql))
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
