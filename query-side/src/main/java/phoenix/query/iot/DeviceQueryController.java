package phoenix.query.iot;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.platform.security.AllowedRoles;
import phoenix.query.paging.Page;
import phoenix.query.paging.PageRequest;
import phoenix.query.position.ReadsProjection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static phoenix.api.Role.ADMIN;
import static phoenix.api.Role.STAFF;

@RestController
@RequestMapping("/api/devices")
@AllowedRoles({ADMIN, STAFF})
@ReadsProjection(IotProjector.PROJECTION)
@Tag(name = "Devices")
class DeviceQueryController {

    /** A device is online when it is connected to the broker, or used the device API in the last five minutes. */
    static final Duration ONLINE_WINDOW = Duration.ofMinutes(5);

    /** {@code connected}: the reader's MQTT status (null: it never told). */
    record DeviceView(String deviceId, String name, String type, String status, Instant registeredAt,
                      Instant keyRotatedAt, Instant lastSeen, Boolean connected, boolean online) {
    }

    // last seen: written by command-side with every device request (iot.device_heartbeats); connected: the reader's
    // MQTT status, written by the device bridge (iot.device_connections). Neither is an event per heartbeat.
    private static final String SELECT = "SELECT d.*, h.last_seen, c.online AS connected FROM iot.devices d "
            + "LEFT JOIN iot.device_heartbeats h ON h.device_id = d.device_id "
            + "LEFT JOIN iot.device_connections c ON c.device_id = d.device_id";

    private final JdbcClient jdbc;
    private final Clock clock;

    DeviceQueryController(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping
    Page<DeviceView> devices(@RequestParam(required = false) Integer page,
                             @RequestParam(required = false) Integer size) {
        PageRequest request = new PageRequest(page, size);
        long total = jdbc.sql("SELECT count(*) FROM iot.devices").query(Long.class).single();
        Instant now = clock.instant();
        return request.of(jdbc.sql(SELECT + " ORDER BY d.device_id LIMIT ? OFFSET ?")
                .param(request.size()).param(request.offset())
                .query((rs, row) -> device(rs, now)).list(), total);
    }

    @GetMapping("/{id}")
    DeviceView device(@PathVariable String id) {
        Instant now = clock.instant();
        return jdbc.sql(SELECT + " WHERE d.device_id = ?").param(id)
                .query((rs, row) -> device(rs, now)).optional()
                .orElseThrow(() -> new PhoenixException(ErrorCode.DEVICE_NOT_FOUND, "There is no such device."));
    }

    private static DeviceView device(ResultSet rs, Instant now) throws SQLException {
        Instant lastSeen = instant(rs.getTimestamp("last_seen"));
        Boolean connected = rs.getObject("connected", Boolean.class);
        return new DeviceView(rs.getString("device_id"), rs.getString("name"), rs.getString("type"),
                rs.getString("status"), instant(rs.getTimestamp("registered_at")),
                instant(rs.getTimestamp("key_rotated_at")), lastSeen, connected,
                Boolean.TRUE.equals(connected) || lastSeen != null && lastSeen.isAfter(now.minus(ONLINE_WINDOW)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
