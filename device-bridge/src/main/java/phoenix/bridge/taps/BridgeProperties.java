package phoenix.bridge.taps;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;

/**
 * @param commandSideUrl   where the device API is
 * @param key              the bridge's credential for the device API: the command side's
 *                         {@code phoenix.devices.bridge-key} (env PHOENIX_BRIDGE_KEY)
 * @param workers          threads forwarding taps; taps of one reader go one after another, readers in parallel
 * @param maxPayload       a bigger message is refused without reading it
 * @param maxClockSkew     a {@code tappedAt} further in the future than this is refused
 * @param requestTimeout   how long one call of the device API may take before it is tried again
 * @param retryFirst       the first wait before trying the command side (or a result's publish) again; doubles up to {@code retryMax}
 * @param retryMax         the longest wait between tries: a tap waits (unacknowledged) until the command side answers
 * @param rejectedKept     how many refused messages iot.rejected_messages keeps (the oldest go)
 * @param checkInterval    how often the bridge asks the command side whether it takes the bridge's key
 * @param unreachableDownAfter a command side that has not answered for longer than this makes health DOWN
 */
@ConfigurationProperties("phoenix.bridge")
public record BridgeProperties(@DefaultValue("http://127.0.0.1:8081") URI commandSideUrl,
                               String key,
                               @DefaultValue("16") int workers,
                               @DefaultValue("4KB") DataSize maxPayload,
                               @DefaultValue("5m") Duration maxClockSkew,
                               @DefaultValue("10s") Duration requestTimeout,
                               @DefaultValue("100ms") Duration retryFirst,
                               @DefaultValue("5s") Duration retryMax,
                               @DefaultValue("10000") int rejectedKept,
                               @DefaultValue("10s") Duration checkInterval,
                               @DefaultValue("1m") Duration unreachableDownAfter) {

    boolean hasKey() {
        return key != null && !key.isBlank();
    }

    @Override
    public String toString() {
        return "BridgeProperties[commandSideUrl=" + commandSideUrl + ", key=" + (key == null ? "none" : "***") + "]";
    }
}
