package phoenix.command.dispatch;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CommandHandlerInterceptor;

/**
 * The event store reads an aggregate's events by id alone, whatever type wrote them: a student's id sent to a
 * staff endpoint would load a Staff without state and let it append to the student's stream. Every aggregate
 * refuses commands when its id is unset after loading, as if it did not exist.
 */
public abstract class CheckedAggregate {

    /** The aggregate's identifier; null when the loaded events were not this type's. */
    protected abstract Object id();

    @CommandHandlerInterceptor
    Object refuseForeignEvents(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        if (id() == null) {
            throw new AggregateNotFoundException(String.valueOf(command.getMetaData().get("target")),
                    "No " + getClass().getSimpleName() + " with this id");
        }
        return chain.proceed();
    }
}
