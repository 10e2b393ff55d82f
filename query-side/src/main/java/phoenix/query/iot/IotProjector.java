package phoenix.query.iot;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.devices.DeviceKeyRotated;
import phoenix.api.devices.DeviceRegistered;
import phoenix.api.devices.DeviceStatusChanged;
import phoenix.query.projections.Projector;
import phoenix.query.projections.ReadTables;

import java.time.Instant;
import java.time.ZoneOffset;

/** The only writer of iot.devices. */
@Component
@ProcessingGroup(IotProjector.PROJECTION)
class IotProjector implements Projector {

    static final String PROJECTION = "iot";
    /** The tables it alone writes, parents first. */
    static final ReadTables TABLES = ReadTables.of("iot.devices");

    private final JdbcClient jdbc;

    IotProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DeviceRegistered event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO iot.devices (device_id, name, type, status, registered_at)
                        VALUES (:id, :name, :type, :status, :at)
                        ON CONFLICT (device_id) DO UPDATE SET name = :name, type = :type, status = :status
                        """)
                .param("id", event.deviceId()).param("name", event.name()).param("type", event.type())
                .param("status", event.status().name()).param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    @EventHandler
    void on(DeviceStatusChanged event) {
        jdbc.sql("UPDATE iot.devices SET status = ? WHERE device_id = ?")
                .param(event.status().name()).param(event.deviceId()).update();
    }

    @EventHandler
    void on(DeviceKeyRotated event, @Timestamp Instant at) {
        jdbc.sql("UPDATE iot.devices SET key_rotated_at = ? WHERE device_id = ?")
                .param(at.atOffset(ZoneOffset.UTC)).param(event.deviceId()).update();
    }

    @Override
    public ReadTables tables() {
        return TABLES;
    }

    @ResetHandler
    void reset() {
        TABLES.deleteAll(jdbc);
    }
}
