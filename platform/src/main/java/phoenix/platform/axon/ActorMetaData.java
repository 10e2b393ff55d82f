package phoenix.platform.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import phoenix.platform.security.Actor;
import phoenix.platform.web.CorrelationId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Puts into every command's metadata who caused it (a user with their roles, a device, or the system) and the
 * correlation id of the HTTP request; Axon copies these into the metadata of every event the command causes
 * ({@link #correlationDataProvider()}), and of every command dispatched while handling one of those events.
 */
public class ActorMetaData implements MessageDispatchInterceptor<CommandMessage<?>> {

    public static final String ACTOR_TYPE = "actorType";
    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String CORRELATION_ID = "correlationId";
    static final List<String> KEYS = List.of(ACTOR_TYPE, ACTOR_ID, ACTOR_ROLE, CORRELATION_ID);

    public static CorrelationDataProvider correlationDataProvider() {
        return new SimpleCorrelationDataProvider(KEYS.toArray(String[]::new));
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (command.getMetaData().containsKey(ACTOR_TYPE)) {
                return command; // caused by an earlier message: keep its actor and correlation
            }
            Actor actor = Actor.current();
            Map<String, Object> metaData = new HashMap<>();
            metaData.put(ACTOR_TYPE, actor.type().name());
            metaData.put(ACTOR_ID, actor.id());
            if (actor.role() != null) {
                metaData.put(ACTOR_ROLE, actor.role());
            }
            metaData.put(CORRELATION_ID, CorrelationId.current());
            return command.andMetaData(metaData);
        };
    }
}
