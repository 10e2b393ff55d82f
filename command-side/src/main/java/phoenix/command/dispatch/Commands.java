package phoenix.command.dispatch;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;


/** How the HTTP layer sends a command: synchronously, and learning where its events landed. */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final EventPositions positions;

    public Commands(CommandGateway gateway, EventPositions positions) {
        this.gateway = gateway;
        this.positions = positions;
    }

    public <R> Sent<R> send(Object command) {
        return dispatch(command);
    }

    /**
     * @param whenMissing the code to answer when the command addresses an aggregate that does not exist
     */
    public <R> Sent<R> send(Object command, ErrorCode whenMissing) {
        try {
            return dispatch(command);
        } catch (RuntimeException e) {
            // incompatible: the id is another kind of aggregate's (the store reads events by id alone)
            if (causedBy(e, AggregateNotFoundException.class) || causedBy(e, IncompatibleAggregateException.class)) {
                throw Aggregates.notFound(whenMissing);
            }
            throw e;
        }
    }

    /**
     * For aggregates whose id the caller chooses (devices).
     *
     * @param whenExists the code to answer when an aggregate with the command's id exists already
     */
    public <R> Sent<R> create(Object command, ErrorCode whenExists) {
        try {
            return dispatch(command);
        } catch (RuntimeException e) {
            if (causedBy(e, AggregateStreamCreationException.class)) {
                throw new PhoenixException(whenExists, "This id is taken.");
            }
            throw e;
        }
    }

    private <R> Sent<R> dispatch(Object command) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command);
        positions.track(message.getIdentifier());
        try {
            R result = gateway.sendAndWait(message);
            return new Sent<>(result, positions.positionAfter(message.getIdentifier()));
        } finally {
            positions.forget(message.getIdentifier());
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
