package phoenix.platform.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How this process learns about events that other processes appended.
 *
 * @param listen     wake the streaming processors on PostgreSQL's NOTIFY from the event table's trigger
 * @param fetchDelay how long a caught-up processor waits before polling the event store again; with {@code listen}
 *                   this is only the safety net for a lost notification
 */
@ConfigurationProperties("phoenix.events")
public record EventStoreProperties(@DefaultValue("true") boolean listen,
                                   @DefaultValue("1s") Duration fetchDelay) {
}
