package phoenix.system;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the database holds about taps, read with plain JDBC: the command side's answers (iot.processed_taps), the
 * events in the event store, the query side's visits, and the bridge's records (rejected messages, reader
 * connections). The proof that a tap counted once is here, not in what the apps answer.
 */
final class TapRecords {

    static final String CHECKED_IN = "phoenix.api.checkin.StudentCheckedIn";
    static final String CHECKED_OUT = "phoenix.api.checkin.StudentCheckedOut";

    /** A child's visits in the read model: how many, how many still open, the room of the open one. */
    record Visits(long total, long open, UUID openRoom) {
    }

    /** Rows in iot.processed_taps for some tap ids: all, and those the command side refused. */
    record Processed(long rows, long refused) {
    }

    private final DataSource database;

    TapRecords(DataSource database) {
        this.database = database;
    }

    Processed processed(Collection<String> tapIds) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*), count(*) FILTER (WHERE rejected) FROM iot.processed_taps "
                             + "WHERE tap_id = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("text", tapIds.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new Processed(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /** For a failure message: what the event store and iot.processed_taps hold about a child, in order. */
    String history(UUID child) throws SQLException {
        StringBuilder text = new StringBuilder("history of " + child + ":\n");
        try (Connection connection = database.getConnection();
             PreparedStatement events = connection.prepareStatement("""
                     SELECT global_index, time_stamp, payload_type, convert_from(meta_data, 'UTF8')
                       FROM eventstore.domain_event_entry
                      WHERE convert_from(payload, 'UTF8') LIKE ? ORDER BY global_index
                     """);
             PreparedStatement taps = connection.prepareStatement("""
                     SELECT device_id, tap_id, processed_at, answer ->> 'action' FROM iot.processed_taps
                      WHERE person_id = ? ORDER BY processed_at
                     """)) {
            events.setString(1, "%" + child + "%");
            try (ResultSet rs = events.executeQuery()) {
                while (rs.next()) {
                    text.append("  event ").append(rs.getLong(1)).append(' ').append(rs.getString(2)).append(' ')
                            .append(rs.getString(3)).append(' ').append(rs.getString(4)).append('\n');
                }
            }
            taps.setObject(1, child);
            try (ResultSet rs = taps.executeQuery()) {
                while (rs.next()) {
                    text.append("  tap ").append(rs.getString(1)).append(' ').append(rs.getString(2)).append(' ')
                            .append(rs.getTimestamp(3).toInstant()).append(' ').append(rs.getString(4)).append('\n');
                }
            }
        }
        return text.toString();
    }

    /** The given taps of a reader in the order the command side decided them (iot.processed_taps). */
    List<String> decidedInOrder(String deviceId, Collection<String> tapIds) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT tap_id FROM iot.processed_taps WHERE device_id = ? AND tap_id = ANY (?) "
                             + "ORDER BY processed_at")) {
            query.setString(1, deviceId);
            query.setArray(2, connection.createArrayOf("text", tapIds.toArray()));
            List<String> decided = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    decided.add(rs.getString(1));
                }
            }
            return decided;
        }
    }

    /** Per child (of those given), how many events of the type ({@link #CHECKED_IN} ...) the event store holds. */
    Map<UUID, Long> events(String type, Collection<UUID> students) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT CAST(convert_from(payload, 'UTF8') AS jsonb) ->> 'studentId', count(*)
                       FROM eventstore.domain_event_entry
                      WHERE payload_type = ?
                        AND CAST(convert_from(payload, 'UTF8') AS jsonb) ->> 'studentId' = ANY (?)
                      GROUP BY 1
                     """)) {
            query.setString(1, type);
            query.setArray(2, connection.createArrayOf("text", students.stream().map(UUID::toString).toArray()));
            Map<UUID, Long> counts = new HashMap<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    counts.put(UUID.fromString(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        }
    }

    /** Sum of {@link #events} over the children. */
    long eventCount(String type, Collection<UUID> students) throws SQLException {
        return events(type, students).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The read model's visits per child (children without a visit are missing from the map). */
    Map<UUID, Visits> visits(Collection<UUID> students) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT student_id, count(*), count(*) FILTER (WHERE ended_at IS NULL),
                            CAST(max(CAST(room_id AS text)) FILTER (WHERE ended_at IS NULL) AS uuid)
                       FROM active.visits WHERE student_id = ANY (?) GROUP BY student_id
                     """)) {
            Array ids = connection.createArrayOf("uuid", students.toArray());
            query.setArray(1, ids);
            Map<UUID, Visits> visits = new HashMap<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    visits.put(rs.getObject(1, UUID.class),
                            new Visits(rs.getLong(2), rs.getLong(3), rs.getObject(4, UUID.class)));
                }
            }
            return visits;
        }
    }

    /** Rows of iot.rejected_messages for a reader with the code (and the tap id, unless null: then without one). */
    long rejected(String deviceId, String code, String tapId) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM iot.rejected_messages WHERE device_id = ? AND code = ? "
                             + "AND tap_id IS NOT DISTINCT FROM ?")) {
            query.setString(1, deviceId);
            query.setString(2, code);
            query.setString(3, tapId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Rows of iot.rejected_messages with the code on exactly this topic. */
    long rejectedOnTopic(String topic, String code) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM iot.rejected_messages WHERE topic = ? AND code = ?")) {
            query.setString(1, topic);
            query.setString(2, code);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The reader's connection state as the bridge recorded it (iot.device_connections); null: none yet. */
    Boolean online(String deviceId) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT online FROM iot.device_connections WHERE device_id = ?")) {
            query.setString(1, deviceId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }
}
