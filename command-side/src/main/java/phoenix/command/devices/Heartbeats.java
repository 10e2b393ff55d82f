package phoenix.command.devices;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * When each reader was last heard of (iot.device_heartbeats): every authenticated device request counts. It is
 * operational state, not history: no event per heartbeat. Query-side reads it for "online".
 */
@Component
class Heartbeats {

    private final JdbcClient jdbc;

    Heartbeats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void seen(String deviceId, Instant at) {
        jdbc.sql("""
                        INSERT INTO iot.device_heartbeats (device_id, last_seen) VALUES (?, ?)
                        ON CONFLICT (device_id) DO UPDATE SET last_seen = greatest(iot.device_heartbeats.last_seen, excluded.last_seen)
                        """)
                .param(deviceId).param(Timestamp.from(at)).update();
    }
}
