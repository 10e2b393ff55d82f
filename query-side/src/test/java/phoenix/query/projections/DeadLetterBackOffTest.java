package phoenix.query.projections;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterBackOffTest {

    private final DeadLetterBackOff backOff = new DeadLetterBackOff(new ProjectionProperties(Duration.ofSeconds(30),
            Duration.ofSeconds(2), new ProjectionProperties.DeadLetters(Duration.ofSeconds(10), Duration.ofMinutes(10),
            Duration.ofSeconds(5)), new ProjectionProperties.Rebuild(100, 4, 2, 500, Duration.ofSeconds(10), Duration.ofMinutes(10))));

    @Test
    void thePauseStartsAtTheFirstRetryDoublesWithEveryFailedRetryAndStopsAtTheMaximum() {
        assertThat(backOff.pause(0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backOff.pause(1)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backOff.pause(5)).isEqualTo(Duration.ofSeconds(320));
        assertThat(backOff.pause(6)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backOff.pause(1_000_000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theFirstFailureCountsNoRetryAndEachFailedRetryOneMore() {
        DeadLetter<EventMessage<?>> failed = letter();
        DeadLetter<? extends EventMessage<?>> enqueued = decide(failed, new IllegalStateException("boom"));
        DeadLetter<? extends EventMessage<?>> retried = decide(enqueued, new IllegalStateException("boom again"));
        DeadLetter<? extends EventMessage<?>> retriedAgain = decide(retried, new IllegalArgumentException("no"));

        assertThat(DeadLetterBackOff.retries(enqueued)).isZero();
        assertThat(DeadLetterBackOff.retries(retried)).isEqualTo(1);
        assertThat(DeadLetterBackOff.retries(retriedAgain)).isEqualTo(2);
        assertThat(DeadLetterBackOff.causeType(retriedAgain.diagnostics())).contains("java.lang.IllegalArgumentException");
        Instant touched = retriedAgain.lastTouched();
        assertThat(backOff.dueAt(retriedAgain)).isEqualTo(touched.plusSeconds(40));
    }

    @Test
    void theCauseKeepsNoValuesFromPostgresDetailLines() {
        EnqueueDecision<EventMessage<?>> decision = backOff.decide(letter(), new IllegalStateException(
                "ERROR: duplicate key value violates unique constraint \"person_tags_pkey\"\n"
                        + "  Detail: Key (tag)=(04:A1:B2:C3) already exists.\n  Where: SQL statement"));

        assertThat(decision.shouldEnqueue()).isTrue();
        String message = decision.enqueueCause().orElseThrow().getMessage();
        assertThat(message).contains("duplicate key value violates unique constraint").contains("Where: SQL statement")
                .doesNotContain("04:A1:B2:C3");
    }

    @Test
    void aLongCauseIsCutToWhatTheQueueStores() {
        EnqueueDecision<EventMessage<?>> decision = backOff.decide(letter(), new IllegalStateException("x".repeat(5000)));

        assertThat(decision.enqueueCause().orElseThrow().getMessage()).hasSize(1023);
    }

    private DeadLetter<? extends EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Exception e) {
        EnqueueDecision<EventMessage<?>> decision = backOff.decide(letter, e);
        assertThat(decision.shouldEnqueue()).as("a letter is never given up").isTrue();
        @SuppressWarnings("unchecked")
        DeadLetter<EventMessage<?>> typed = (DeadLetter<EventMessage<?>>) letter;
        return decision.withDiagnostics(typed);
    }

    private static DeadLetter<EventMessage<?>> letter() {
        return new GenericDeadLetter<>("sequence", GenericEventMessage.asEventMessage("payload"));
    }
}
