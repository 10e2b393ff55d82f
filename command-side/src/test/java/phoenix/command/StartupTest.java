package phoenix.command;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import phoenix.db.SchemaRules;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

class StartupTest extends CommandSideTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void theAppMigratesItsDatabaseAndPutsNothingInPublic() throws Exception {
        assertThat(jdbc.sql("SELECT count(*) FROM config.flyway_schema_history WHERE success").query(Long.class)
                .single()).isGreaterThanOrEqualTo(8);
        assertThat(SchemaRules.objectsInPublic(dataSource)).isEmpty();
    }

    @Test
    void healthAndOpenApiAreOpen() {
        assertThat(api.get("/actuator/health", null).body().path("status").asText()).isEqualTo("UP");
        phoenix.platform.testing.Api.Answer docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/rooms")).isTrue();
        assertThat(docs.body().path("paths").has("/api/iot/ping")).isTrue();
    }

    @Test
    void theSigningKeyWasGeneratedOnceAndKeptInTheDatabase() {
        assertThat(jdbc.sql("SELECT length(secret) FROM auth.signing_keys WHERE name = 'jwt'").query(Integer.class)
                .single()).isEqualTo(64);
    }
}
