package phoenix.command.dispatch;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.PessimisticLockingFailureException;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Retries a command that lost a race: another node or thread appended to the same aggregate first (the unique
 * aggregate/sequence key said no), or the database broke a deadlock. The retry loads the newer state and decides
 * again. Rule violations are never retried: they would only say no again; nor is a second creation of an
 * aggregate with the same id: it exists now.
 */
public class ConflictRetryScheduler implements RetryScheduler {

    private final ScheduledExecutorService executor;
    private final int maxRetries;

    public ConflictRetryScheduler(ScheduledExecutorService executor, int maxRetries) {
        this.executor = executor;
        this.maxRetries = maxRetries;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures,
                                 Runnable commandDispatch) {
        if (failures.size() > maxRetries || !isConflict(lastFailure)) {
            return false;
        }
        // jitter spreads the racers apart, so they do not collide again
        long delay = ThreadLocalRandom.current().nextLong(1, 5L << Math.min(failures.size(), 6));
        executor.schedule(commandDispatch, delay, TimeUnit.MILLISECONDS);
        return true;
    }

    static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof PessimisticLockingFailureException) {
                return true;
            }
        }
        return false;
    }
}
