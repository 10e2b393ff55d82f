package phoenix.command.checkin;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The last tap of each person on each reader (iot.recent_taps): a wristband held to the reader is one tap. */
@Component
class RecentTaps {

    private final JdbcClient jdbc;

    RecentTaps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the tap; answers whether the person's previous tap on this reader was within the window. */
    boolean repeated(String deviceId, UUID personId, Instant tappedAt, Duration window) {
        Instant previous = jdbc.sql("SELECT tapped_at FROM iot.recent_taps WHERE device_id = ? AND person_id = ? "
                        + "FOR UPDATE")
                .param(deviceId).param(personId)
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
        jdbc.sql("""
                        INSERT INTO iot.recent_taps (device_id, person_id, tapped_at) VALUES (?, ?, ?)
                        ON CONFLICT (device_id, person_id) DO UPDATE
                        SET tapped_at = greatest(iot.recent_taps.tapped_at, excluded.tapped_at)
                        """)
                .param(deviceId).param(personId).param(Timestamp.from(tappedAt)).update();
        return previous != null && Duration.between(previous, tappedAt).abs().compareTo(window) < 0;
    }
}
