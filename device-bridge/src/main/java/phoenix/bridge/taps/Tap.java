package phoenix.bridge.taps;

import java.time.Instant;
import java.util.UUID;

/** A tap message that passed the bridge's checks, as the device API takes it. */
record Tap(String tapId, String tag, UUID roomId, Instant tappedAt) {
}
