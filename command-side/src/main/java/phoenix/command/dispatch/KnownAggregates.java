package phoenix.command.dispatch;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether an aggregate of a type exists: its first event is in the event store. One indexed lookup, inside the
 * caller's transaction, for rules that refer to another aggregate without changing it ("the planned room exists").
 */
@Component
public class KnownAggregates {

    private final JdbcClient jdbc;

    public KnownAggregates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(Class<?> aggregateType, Object id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM eventstore.domain_event_entry "
                        + "WHERE aggregate_identifier = ? AND sequence_number = 0 AND type = ?)")
                .param(id.toString())
                .param(aggregateType.getSimpleName())
                .query(Boolean.class).single();
    }
}
