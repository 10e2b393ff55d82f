package phoenix.bridge.status;

import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.bridge.mqtt.MqttConnection;
import phoenix.bridge.taps.Rejections;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;

/**
 * Readers keep {@code phoenix/devices/{deviceId}/status} retained: "online" while connected, "offline" as their last
 * will. Changes become the reader's connection state (iot.device_connections), which the query side shows as online;
 * a heartbeat that says nothing new writes nothing. The bridge instance that carries the taps writes them.
 */
@Component
class DeviceConnections {

    static final String STATUS = "phoenix/devices/+/status";
    private static final Logger log = LoggerFactory.getLogger(DeviceConnections.class);

    private final JdbcClient jdbc;
    private final Rejections rejections;
    private final Clock clock;

    DeviceConnections(MqttConnection mqtt, JdbcClient jdbc, Rejections rejections, Clock clock) {
        this.jdbc = jdbc;
        this.rejections = rejections;
        this.clock = clock;
        mqtt.subscribe(STATUS, (topic, message) -> {
            try {
                changed(topic, message);
            } finally {
                mqtt.complete(message);
            }
        });
    }

    private void changed(String topic, MqttMessage message) {
        String device = topic.split("/")[2];
        String status = new String(message.getPayload(), StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT);
        try {
            if (!status.equals("online") && !status.equals("offline")) {
                rejections.record(topic, device, null, ErrorCode.MALFORMED_MESSAGE.name(),
                        "A status is \"online\" or \"offline\".", message.getPayload().length);
                return;
            }
            jdbc.sql("""
                            INSERT INTO iot.device_connections AS c (device_id, online, changed_at) VALUES (?, ?, ?)
                            ON CONFLICT (device_id) DO UPDATE SET online = excluded.online, changed_at = excluded.changed_at
                            WHERE c.online <> excluded.online
                            """)
                    .param(device).param(status.equals("online")).param(Timestamp.from(clock.instant()))
                    .update();
        } catch (RuntimeException e) {
            log.warn("Could not record the status of reader {}: {}", device, e.toString());
        }
    }
}
