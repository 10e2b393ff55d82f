package phoenix.bridge.leader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import phoenix.db.FreshDatabaseExtension;
import phoenix.db.TestDatabase;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The lease on its own, against the real table: one holder at a time, taken over only once expired or released. */
@ExtendWith(FreshDatabaseExtension.class)
class BridgeLeaseTest {

    static BridgeLease lease;
    static JdbcClient jdbc;

    @BeforeAll
    static void migrate(TestDatabase database) {
        jdbc = JdbcClient.create(database.migrate().dataSource());
        lease = new BridgeLease(jdbc);
    }

    private static void free() {
        jdbc.sql("DELETE FROM iot.bridge_lease").update();
    }

    @Test
    void onlyOneInstanceHoldsTheLeaseAndItsHolderCanRenewIt() {
        free();

        assertThat(lease.acquire("a", Duration.ofSeconds(30))).isTrue();
        assertThat(lease.acquire("b", Duration.ofSeconds(30))).isFalse();
        assertThat(lease.acquire("a", Duration.ofSeconds(30))).as("renewed").isTrue();
        assertThat(lease.current()).get().extracting(BridgeLease.Holder::holder).isEqualTo("a");
    }

    @Test
    void anExpiredLeaseGoesToTheNextInstanceThatAsks() {
        free();
        assertThat(lease.acquire("a", Duration.ofMillis(300))).isTrue();

        assertThat(lease.acquire("b", Duration.ofSeconds(30))).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> lease.acquire("b", Duration.ofSeconds(30)));

        assertThat(lease.acquire("a", Duration.ofSeconds(30))).as("the old holder lost it").isFalse();
        assertThat(lease.current()).get().extracting(BridgeLease.Holder::holder).isEqualTo("b");
    }

    @Test
    void aReleasedLeaseIsFreeAtOnce() {
        free();
        assertThat(lease.acquire("a", Duration.ofMinutes(5))).isTrue();

        lease.release("a");

        assertThat(lease.current()).isEmpty();
        assertThat(lease.acquire("b", Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void onlyItsHolderCanReleaseTheLease() {
        free();
        assertThat(lease.acquire("a", Duration.ofMinutes(5))).isTrue();

        lease.release("b");

        assertThat(lease.acquire("b", Duration.ofMinutes(5))).isFalse();
    }
}
