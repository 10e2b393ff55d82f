package phoenix.command.dispatch;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Learns which events a command produced (an event dispatch interceptor on the event store, keyed by the command
 * that started the unit of work) and, once the command committed, their global position in the event store.
 */
public class EventPositions implements MessageDispatchInterceptor<EventMessage<?>> {

    private final Map<String, Set<String>> eventsByCommand = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;

    public EventPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void track(String commandId) {
        eventsByCommand.put(commandId, ConcurrentHashMap.newKeySet());
    }

    /**
     * The position of the last of the command's events; the store's head when it produced none. Events of
     * attempts that rolled back (a retried conflict) are simply not found.
     */
    long positionAfter(String commandId) {
        Set<String> eventIds = eventsByCommand.remove(commandId);
        if (eventIds != null && !eventIds.isEmpty()) {
            Long position = jdbc.sql("SELECT max(global_index) FROM eventstore.domain_event_entry "
                            + "WHERE event_identifier = ANY(?)")
                    .param(eventIds.toArray(String[]::new))
                    .query(Long.class).single();
            if (position != null) {
                return position;
            }
        }
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM eventstore.domain_event_entry")
                .query(Long.class).single();
    }

    void forget(String commandId) {
        eventsByCommand.remove(commandId);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> events) {
        if (CurrentUnitOfWork.isStarted()) {
            Set<String> tracked = eventsByCommand.get(CurrentUnitOfWork.get().root().getMessage().getIdentifier());
            if (tracked != null) {
                events.forEach(event -> tracked.add(event.getIdentifier()));
            }
        }
        return (index, event) -> event;
    }
}
