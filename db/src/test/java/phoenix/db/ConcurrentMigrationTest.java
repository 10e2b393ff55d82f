package phoenix.db;

import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(FreshDatabaseExtension.class)
class ConcurrentMigrationTest {

    @Test
    void twoAppsMigratingAtOnceBothStartAndEachMigrationRunsOnce(TestDatabase database) {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<MigrateResult>> apps = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return Migrations.migrate(database.dataSource(), "classpath:db/migration");
                }))
                .toList();

        List<MigrateResult> results = apps.stream().map(CompletableFuture::join).toList();

        assertThat(results).allSatisfy(result -> assertThat(result.success).isTrue());
        // Flyway's lock makes one app wait for the other, which then finds nothing left to do
        assertThat(results.get(0).migrationsExecuted + results.get(1).migrationsExecuted)
                .isEqualTo(results.stream().mapToInt(r -> r.migrationsExecuted).max().orElseThrow());
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM config.flyway_schema_history WHERE success "
                + "AND version IS NOT NULL GROUP BY version ORDER BY count(*) DESC LIMIT 1", Integer.class))
                .isEqualTo(1);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
