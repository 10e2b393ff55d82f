package phoenix.bridge.taps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * Messages the bridge refused, with their reasons (iot.rejected_messages), for whoever looks after the readers. Only
 * the newest are kept: a broken reader cannot fill the database.
 */
@Component
public class Rejections {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int kept;

    Rejections(JdbcClient jdbc, Clock clock, BridgeProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.kept = properties.rejectedKept();
    }

    public void record(String topic, String deviceId, String tapId, String code, String reason, int payloadBytes) {
        jdbc.sql("""
                        INSERT INTO iot.rejected_messages (received_at, topic, device_id, tap_id, code, reason, payload_bytes)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """)
                .param(Timestamp.from(clock.instant())).param(truncated(topic, 300)).param(deviceId)
                .param(truncated(tapId, 100)).param(code).param(truncated(reason, 500)).param(payloadBytes)
                .update();
        jdbc.sql("DELETE FROM iot.rejected_messages WHERE id <= (SELECT max(id) FROM iot.rejected_messages) - ?")
                .param(kept).update();
    }

    private static String truncated(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
