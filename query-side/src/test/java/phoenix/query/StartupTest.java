package phoenix.query;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import phoenix.db.SchemaRules;
import phoenix.platform.testing.Api;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

class StartupTest extends QuerySideTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void theAppMigratesItsDatabaseAndPutsNothingInPublic() throws Exception {
        assertThat(jdbc.sql("SELECT count(*) FROM config.flyway_schema_history WHERE success").query(Long.class)
                .single()).isGreaterThanOrEqualTo(8);
        assertThat(SchemaRules.objectsInPublic(dataSource)).isEmpty();
    }

    @Test
    void everyProjectionKeepsItsTokenInTheEventStoreSchema() {
        assertThat(jdbc.sql("SELECT DISTINCT processor_name FROM eventstore.token_entry ORDER BY 1")
                .query(String.class).list()).containsExactly("active", "activities", "audit", "education", "facilities", "iot", "schedule", "users");
    }

    @Test
    void healthAndOpenApiAreOpen() {
        assertThat(api.get("/actuator/health", null).body().path("status").asText()).isEqualTo("UP");
        Api.Answer docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/students/{id}")).isTrue();
    }
}
