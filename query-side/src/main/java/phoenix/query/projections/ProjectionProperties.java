package phoenix.query.projections;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the query side keeps its projections healthy without anyone watching.
 *
 * @param maxLag      health is {@code DEGRADED} while a projection is further behind the event store than this
 * @param lagRefresh  how long a measured lag is reused (health, metrics and the admin API all ask for it)
 * @param deadLetters when failed events are tried again
 * @param rebuild     how a projection is rebuilt while it serves
 */
@ConfigurationProperties("phoenix.query")
public record ProjectionProperties(@DefaultValue("30s") Duration maxLag,
                                   @DefaultValue("2s") Duration lagRefresh,
                                   @DefaultValue DeadLetters deadLetters,
                                   @DefaultValue Rebuild rebuild) {

    /**
     * @param retryFirst    a dead letter is first tried again this long after it failed; each failed retry doubles it
     * @param retryMax      up to this pause between two retries
     * @param checkInterval how often the queue is checked for letters that are due
     */
    public record DeadLetters(@DefaultValue("10s") Duration retryFirst,
                              @DefaultValue("10m") Duration retryMax,
                              @DefaultValue("5s") Duration checkInterval) {
    }

    /**
     * @param batchSize   events per transaction of the shadow processor
     * @param segments    its segments (parallel, each aggregate's events in order)
     * @param threads     its worker threads
     * @param swapWithin  the shadow takes over once it is at most this many events behind the head
     * @param swapTimeout how long the live tables may stay locked for writers while the shadow reaches the head;
     *                    then the swap is given up, the lock released, and tried again
     * @param giveUpAfter a rebuild whose shadow keeps failing (Axon retries it) this long fails, and the live
     *                    tables stay as they are
     */
    public record Rebuild(@DefaultValue("100") int batchSize,
                          @DefaultValue("4") int segments,
                          @DefaultValue("2") int threads,
                          @DefaultValue("500") int swapWithin,
                          @DefaultValue("10s") Duration swapTimeout,
                          @DefaultValue("10m") Duration giveUpAfter) {
    }
}
