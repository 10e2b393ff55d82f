package phoenix.command.checkin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.checkin.TapAnswer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The answer to every tap, by reader and tap id (iot.processed_taps): MQTT delivers at least once, so the same tap
 * may come twice, also after a restart; the second time it gets the first answer and changes nothing. An accepted
 * tap's answer is written in the tap's own transaction; a refused tap's in a transaction of its own, as the
 * refusal rolls the tap's back.
 */
@Component
class ProcessedTaps {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate separately;

    ProcessedTaps(JdbcClient jdbc, ObjectMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * @return the first answer, if the tap was processed before
     * @throws PhoenixException the first refusal, if the tap was refused before
     */
    Optional<TapAnswer> answerOf(String deviceId, String tapId) {
        return jdbc.sql("SELECT answer, rejected FROM iot.processed_taps WHERE device_id = ? AND tap_id = ?")
                .param(deviceId).param(tapId)
                .query((rs, row) -> read(rs.getString("answer"), rs.getBoolean("rejected")))
                .optional();
    }

    /** @param personId who tapped: the answer may hold their name, and erasing them must find it */
    void remember(String deviceId, String tapId, UUID personId, TapAnswer answer, Instant at) {
        try {
            jdbc.sql("""
                            INSERT INTO iot.processed_taps (device_id, tap_id, person_id, answer, rejected, processed_at)
                            VALUES (?, ?, ?, CAST(? AS jsonb), FALSE, ?)
                            """)
                    .param(deviceId).param(tapId).param(personId).param(json.writeValueAsString(answer))
                    .param(Timestamp.from(at))
                    .update();
        } catch (DuplicateKeyException e) {
            // the same tap, delivered twice at once, was processed meanwhile: retried, it finds that answer
            throw new ConcurrencyException("The tap was processed concurrently", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void rememberRefusal(String deviceId, String tapId, PhoenixException refusal, Instant at) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", refusal.code().name());
        answer.put("message", refusal.getMessage());
        answer.put("details", refusal.details());
        separately.executeWithoutResult(status -> {
            try {
                jdbc.sql("""
                                INSERT INTO iot.processed_taps (device_id, tap_id, person_id, answer, rejected, processed_at)
                                VALUES (?, ?, NULL, CAST(? AS jsonb), TRUE, ?) ON CONFLICT DO NOTHING
                                """)
                        .param(deviceId).param(tapId).param(json.writeValueAsString(answer)).param(Timestamp.from(at))
                        .update();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    int forgetBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM iot.processed_taps WHERE processed_at < ?").param(Timestamp.from(cutoff)).update();
    }

    @SuppressWarnings("unchecked")
    private TapAnswer read(String answer, boolean rejected) {
        try {
            if (!rejected) {
                return json.readValue(answer, TapAnswer.class);
            }
            JsonNode refusal = json.readTree(answer);
            throw new PhoenixException(ErrorCode.valueOf(refusal.path("code").asText()),
                    refusal.path("message").asText(), json.convertValue(refusal.path("details"), Map.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
