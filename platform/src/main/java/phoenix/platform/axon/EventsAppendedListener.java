package phoenix.platform.axon;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * LISTENs on the channel that the event table's trigger NOTIFYs when events commit, and wakes the event store's
 * producer, so a projection in this process sees an event written by another process within milliseconds instead
 * of after the next poll. Holds one connection of the pool; reconnects after failures.
 */
class EventsAppendedListener implements SmartLifecycle {

    static final String CHANNEL = "phoenix_events_appended";
    private static final Logger log = LoggerFactory.getLogger(EventsAppendedListener.class);

    private final DataSource dataSource;
    private final ListeningEventStore eventStore;
    private volatile Thread thread;
    private volatile boolean running;

    EventsAppendedListener(DataSource dataSource, ListeningEventStore eventStore) {
        this.dataSource = dataSource;
        this.eventStore = eventStore;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "events-appended-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread listening = thread;
        if (listening != null) {
            listening.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                // events may have been appended while we were not listening
                eventStore.eventsAppendedElsewhere();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        eventStore.eventsAppendedElsewhere();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Listening for appended events failed, retrying in 1 s (processors poll meanwhile): {}",
                            e.getMessage());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
