package phoenix.bridge.leader;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/** The MQTT client ids bridges have connected with, so that sessions of ids no longer used can be found. */
@Component
class BridgeSessions {

    private final JdbcClient jdbc;

    BridgeSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void connecting(String clientId) {
        jdbc.sql("""
                        INSERT INTO iot.bridge_sessions (client_id, last_connected_at) VALUES (?, clock_timestamp())
                        ON CONFLICT (client_id) DO UPDATE SET last_connected_at = excluded.last_connected_at
                        """)
                .param(clientId)
                .update();
    }

    /** The other client ids, oldest first: their sessions may still hold taps. */
    List<String> otherThan(String clientId) {
        return jdbc.sql("SELECT client_id FROM iot.bridge_sessions WHERE client_id <> ? ORDER BY last_connected_at")
                .param(clientId)
                .query(String.class)
                .list();
    }

    void forget(String clientId) {
        jdbc.sql("DELETE FROM iot.bridge_sessions WHERE client_id = ?").param(clientId).update();
    }
}
