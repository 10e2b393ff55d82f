package phoenix.query.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The live event stream, {@code GET /api/events}.
 *
 * @param heartbeat     how often every stream gets a comment line, so that proxies keep an idle connection open
 * @param timeout       how long one connection lasts; the browser then reconnects with {@code Last-Event-ID}, and its
 *                      token is checked again
 * @param queueCapacity how many events may wait for one client that reads slowly; one more and its stream is closed
 *                      (it reconnects and resumes where it was)
 * @param gapWait       how long events are held back behind a position whose transaction has not committed yet,
 *                      before that position is taken for rolled back (see {@link PositionOrder})
 */
@ConfigurationProperties("phoenix.live")
public record LiveProperties(@DefaultValue("15s") Duration heartbeat,
                             @DefaultValue("30m") Duration timeout,
                             @DefaultValue("1000") int queueCapacity,
                             @DefaultValue("2s") Duration gapWait) {

    public LiveProperties {
        if (heartbeat.isNegative() || heartbeat.isZero() || timeout.isNegative() || timeout.isZero()
                || queueCapacity < 1 || gapWait.isNegative()) {
            throw new IllegalArgumentException("phoenix.live: heartbeat and timeout must be positive, queue-capacity "
                    + "at least 1, gap-wait not negative");
        }
    }
}
