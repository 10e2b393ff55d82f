package phoenix.query.live;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Events go out in position order, also when transactions commit out of order. */
class PositionOrderTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final PositionOrder<String> order = new PositionOrder<>(9, Duration.ofSeconds(2));

    @Test
    void eventsThatCommitInOrderGoOutAtOnce() {
        order.read(10, "ten", token(10), 0);
        order.read(11, null, token(11), 0);
        order.read(12, "twelve", token(12), 0);

        assertThat(order.releasable(0)).containsExactly("ten", "twelve");
        assertThat(order.released()).isEqualTo(12);
    }

    @Test
    void anEventBehindAPositionStillCommittingWaitsForIt() {
        order.read(11, "eleven", token(11, 10), 0);
        assertThat(order.releasable(0)).isEmpty();
        assertThat(order.released()).isEqualTo(9);

        order.read(10, "ten", token(11), SECOND / 10);

        assertThat(order.releasable(SECOND / 10)).containsExactly("ten", "eleven");
        assertThat(order.released()).isEqualTo(11);
    }

    @Test
    void aPositionThatStaysEmptyForTheGapWaitIsGivenUpAndItsLateEventRefused() {
        order.read(11, "eleven", token(11, 10), 0);
        assertThat(order.nanosUntilNextRelease(SECOND)).isEqualTo(SECOND);
        assertThat(order.releasable(SECOND)).isEmpty();

        assertThat(order.releasable(2 * SECOND)).containsExactly("eleven");
        assertThat(order.read(10, "ten", token(11), 3 * SECOND)).isFalse();
        assertThat(order.releasable(3 * SECOND)).isEmpty();
    }

    @Test
    void eventsBelowTheLowestOpenGapGoWhileTheRestWaits() {
        order.read(10, "ten", token(10), 0);
        order.read(12, "twelve", token(12, 11), 0);

        assertThat(order.releasable(0)).containsExactly("ten");
        assertThat(order.released()).isEqualTo(10);
        assertThat(order.nanosUntilNextRelease(0)).isEqualTo(2 * SECOND);
    }

    @Test
    void theEventsPositionIsTheTokensIndexOrTheGapItFilled() {
        assertThat(PositionOrder.positionOf(token(10), token(12, 11))).isEqualTo(12);
        assertThat(PositionOrder.positionOf(token(12, 11), token(12))).isEqualTo(11);
        assertThat(PositionOrder.positionOf(null, token(5))).isEqualTo(5);
    }

    private static GapAwareTrackingToken token(long index, long... gaps) {
        return GapAwareTrackingToken.newInstance(index, java.util.Arrays.stream(gaps).boxed().toList());
    }
}
