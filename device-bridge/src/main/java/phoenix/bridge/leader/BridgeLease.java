package phoenix.bridge.leader;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The lease in iot.bridge_lease that makes one bridge instance the one connected to the broker. Its expiry is the
 * database's clock, so the instances' clocks need not agree.
 */
@Component
class BridgeLease {

    private static final String NAME = "taps";

    /** Who holds the lease, until when. */
    record Holder(String holder, Instant acquiredAt, Instant expiresAt) {
    }

    private final JdbcClient jdbc;

    BridgeLease(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the lease when it is free or expired, or renews it when {@code holder} has it: true when it has it now. */
    boolean acquire(String holder, Duration ttl) {
        return jdbc.sql("""
                        INSERT INTO iot.bridge_lease AS lease (name, holder, acquired_at, expires_at)
                        VALUES (:name, :holder, clock_timestamp(), clock_timestamp() + :ttl * INTERVAL '1 millisecond')
                        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at,
                            acquired_at = CASE WHEN lease.holder = excluded.holder THEN lease.acquired_at
                                               ELSE excluded.acquired_at END
                        WHERE lease.holder = excluded.holder OR lease.expires_at < clock_timestamp()
                        RETURNING holder
                        """)
                .param("name", NAME).param("holder", holder).param("ttl", ttl.toMillis())
                .query(String.class)
                .optional()
                .isPresent();
    }

    /** Gives the lease up at once, so that a standby need not wait for it to expire. */
    void release(String holder) {
        jdbc.sql("UPDATE iot.bridge_lease SET expires_at = clock_timestamp() WHERE name = :name AND holder = :holder")
                .param("name", NAME).param("holder", holder)
                .update();
    }

    /** The holder of a lease that has not expired. */
    Optional<Holder> current() {
        return jdbc.sql("""
                        SELECT holder, acquired_at, expires_at FROM iot.bridge_lease
                         WHERE name = :name AND expires_at >= clock_timestamp()
                        """)
                .param("name", NAME)
                .query((rs, row) -> new Holder(rs.getString("holder"), rs.getTimestamp("acquired_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }
}
