package phoenix.query.live;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Puts the events of the store's stream into the order of their global positions, so that a client that resumes
 * "after position N" misses nothing.
 * <p>
 * Positions are taken when a transaction appends, not when it commits: while the transaction that holds position 10
 * is still committing, 11 may already be readable, and 10 turns up later (a <em>gap</em> in the stream's token that
 * fills). Events are therefore held back behind the lowest gap until it fills, or until it has stayed open for the
 * gap wait: then it belongs to a transaction that rolled back (they leave gaps for good) or is given up. An event
 * that commits after its gap was given up arrives <em>late</em>: {@link #read} refuses it, as it can no longer be
 * told in order.
 * <p>
 * Not thread-safe: one thread reads and releases; {@link #released()} may be read by others under a lock that
 * also guards {@link #releasable}.
 */
final class PositionOrder<T> {

    private final long waitNanos;
    private final TreeMap<Long, T> pending = new TreeMap<>();
    private final TreeMap<Long, Long> gapsSeenAt = new TreeMap<>();
    private long released;
    private long index;

    /** @param head the position up to which everything counts as released: the stream starts after it */
    PositionOrder(long head, Duration gapWait) {
        this.released = head;
        this.index = head;
        this.waitNanos = gapWait.toNanos();
    }

    /** Every event up to this position has been released (or was given up, or was not worth telling). */
    long released() {
        return released;
    }

    /**
     * An event read from the stream at {@code position}, with the stream's token after it; {@code value} null for an
     * event nobody is told about (it still moves the stream on). False when the event arrived late.
     */
    boolean read(long position, T value, TrackingToken token, long nowNanos) {
        GapAwareTrackingToken after = gapAware(token);
        index = Math.max(index, after != null ? after.getIndex() : position);
        SortedSet<Long> gaps = after != null ? after.getGaps() : new TreeSet<>();
        gapsSeenAt.keySet().retainAll(gaps);
        for (Long gap : gaps.tailSet(released + 1)) {
            gapsSeenAt.putIfAbsent(gap, nowNanos);
        }
        if (position <= released) {
            return false;
        }
        if (value != null) {
            pending.put(position, value);
        }
        return true;
    }

    /** The events that may be told now, in position order; they count as released from here on. */
    List<T> releasable(long nowNanos) {
        long limit = index;
        for (Map.Entry<Long, Long> gap : gapsSeenAt.tailMap(released, false).entrySet()) {
            if (nowNanos - gap.getValue() < waitNanos) {
                limit = gap.getKey() - 1;
                break;
            }
        }
        List<T> out = new ArrayList<>();
        while (!pending.isEmpty() && pending.firstKey() <= limit) {
            out.add(pending.pollFirstEntry().getValue());
        }
        if (limit > released) {
            released = limit;
            gapsSeenAt.headMap(limit, true).clear();
        }
        return out;
    }

    /** How long until a held-back event may go because its gap is given up; {@code Long.MAX_VALUE}: none waits. */
    long nanosUntilNextRelease(long nowNanos) {
        if (pending.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long last = pending.lastKey();
        return gapsSeenAt.entrySet().stream()
                .filter(gap -> gap.getKey() > released && gap.getKey() < last)
                .mapToLong(gap -> Math.max(0, gap.getValue() + waitNanos - nowNanos))
                .min().orElse(Long.MAX_VALUE);
    }

    /**
     * The global position of the event whose token is {@code after}, read right after the one whose token is
     * {@code before}: the token's index, unless the event filled a gap (then the index stays and the gap goes).
     */
    static long positionOf(TrackingToken before, TrackingToken after) {
        GapAwareTrackingToken now = gapAware(after);
        if (now == null) {
            return WrappedToken.unwrapLowerBound(after).position().orElseThrow();
        }
        GapAwareTrackingToken then = gapAware(before);
        if (then == null || now.getIndex() > then.getIndex()) {
            return now.getIndex();
        }
        long filled = now.getIndex();
        for (Long gap : then.getGaps()) {
            if (!now.getGaps().contains(gap)) {
                filled = gap; // the highest that went: gaps cleaned away with it are all lower
            }
        }
        return filled;
    }

    private static GapAwareTrackingToken gapAware(TrackingToken token) {
        TrackingToken unwrapped = token == null ? null : WrappedToken.unwrapLowerBound(token);
        return unwrapped instanceof GapAwareTrackingToken gapAware ? gapAware : null;
    }
}
