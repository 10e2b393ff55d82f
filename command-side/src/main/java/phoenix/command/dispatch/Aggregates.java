package phoenix.command.dispatch;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;

import java.util.Locale;
import java.util.concurrent.Callable;

/** Loading another aggregate inside a command's unit of work, with the answer a caller gets when it is missing. */
public final class Aggregates {

    private Aggregates() {
    }

    /**
     * @throws PhoenixException {@code notFound} when there is no such aggregate, or the id is another type's (the
     *                          event store reads events by id alone)
     */
    public static <T> Aggregate<T> load(Repository<T> repository, Object id, ErrorCode notFound) {
        try {
            return repository.load(id.toString());
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            throw notFound(notFound);
        }
    }

    /** "There is no such room." for ROOM_NOT_FOUND. */
    public static PhoenixException notFound(ErrorCode code) {
        return new PhoenixException(code, "There is no such "
                + code.name().replace("_NOT_FOUND", "").replace('_', ' ').toLowerCase(Locale.ROOT) + ".");
    }

    /** A new aggregate, created by {@code factory} (which applies its first event) in the current unit of work. */
    public static <T> Aggregate<T> create(Repository<T> repository, Callable<T> factory) {
        return unchecked(() -> repository.newInstance(factory));
    }

    /** The aggregate, or a new one from {@code factory} when there is none yet. */
    public static <T> Aggregate<T> loadOrCreate(Repository<T> repository, String id, Callable<T> factory) {
        return unchecked(() -> repository.loadOrCreate(id, factory));
    }

    private static <T> Aggregate<T> unchecked(Callable<Aggregate<T>> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
