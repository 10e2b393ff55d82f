package phoenix.platform.axon;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/** An {@link EmbeddedEventStore} that can be told that another process appended events, to fetch them now. */
public class ListeningEventStore extends EmbeddedEventStore {

    ListeningEventStore(Builder builder) {
        super(builder);
    }

    /** Wakes the event producer if it is waiting for its next poll; a no-op otherwise. */
    public void eventsAppendedElsewhere() {
        afterCommit(List.of());
    }
}
