package phoenix.query.projections;

import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When a dead letter is tried again: {@code retry-first} after it failed, doubling with every failed retry, at most
 * {@code retry-max} apart. Its enqueue policy (for every projection's dead-letter queue) counts the failed retries in
 * the letter's diagnostics and never gives a letter up: one that always fails stays visible with its count and last
 * cause, until an admin deletes it.
 */
@Component
public class DeadLetterBackOff implements ConfigurerModule {

    /** The letter's diagnostics entry: how many retries have failed (0 after the first failure). */
    static final String RETRIES = "retries";
    /**
     * The last failure's exception type. Axon's JDBC queue records the type of the cause it is given, and on a
     * retry that is its own wrapper ({@code ThrowableCause}), whatever failed.
     */
    static final String CAUSE_TYPE = "causeType";

    // PostgreSQL's "Detail:" lines quote the row's values (names, tags): personal data stays out of the queue
    private static final Pattern DETAIL_LINES = Pattern.compile("(?m)^\\s*Detail:.*$\\R?");

    private final Duration first;
    private final Duration max;

    DeadLetterBackOff(ProjectionProperties properties) {
        this.first = properties.deadLetters().retryFirst();
        this.max = properties.deadLetters().retryMax();
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing().registerDefaultDeadLetterPolicy(configuration -> this::decide);
    }

    EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        boolean retried = letter.diagnostics().containsKey(RETRIES);
        int retries = retried ? retries(letter) + 1 : 0;
        return Decisions.enqueue(withoutDetails(cause), failed -> failed.diagnostics()
                .and(RETRIES, retries)
                .and(CAUSE_TYPE, cause.getClass().getName()));
    }

    public static int retries(DeadLetter<?> letter) {
        return retries(letter.diagnostics());
    }

    public static int retries(MetaData diagnostics) {
        return diagnostics.get(RETRIES) instanceof Number number ? number.intValue() : 0;
    }

    /** The type of the exception the letter's handler threw last. */
    public static Optional<String> causeType(MetaData diagnostics) {
        return Optional.ofNullable(diagnostics.get(CAUSE_TYPE)).map(Object::toString);
    }

    public Instant dueAt(DeadLetter<?> letter) {
        return dueAt(letter.lastTouched(), retries(letter));
    }

    public Instant dueAt(Instant lastTouched, int retries) {
        return lastTouched.plus(pause(retries));
    }

    /** The pause before the next retry of a letter whose retries have failed {@code retries} times. */
    Duration pause(int retries) {
        Duration pause = first;
        for (int i = 0; i < retries && pause.compareTo(max) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(max) < 0 ? pause : max;
    }

    private static ThrowableCause withoutDetails(Throwable cause) {
        String message = cause.getMessage() == null ? null : DETAIL_LINES.matcher(cause.getMessage()).replaceAll("");
        if (message != null && message.length() > ThrowableCause.TRUNCATED_MESSAGE_SIZE) {
            message = message.substring(0, ThrowableCause.TRUNCATED_MESSAGE_SIZE);
        }
        return new ThrowableCause(cause.getClass().getName(), message);
    }
}
