package phoenix.query.position;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Read-your-writes: a query that sends {@value #HEADER}: N (the {@code X-Phoenix-Position} of a command answer) is
 * answered once the projections it reads have handled event N; after the timeout it gets 503
 * {@code PROJECTION_BEHIND} instead of stale data.
 */
public class AwaitPosition implements HandlerInterceptor {

    public static final String HEADER = "X-Phoenix-Await-Position";
    private static final long POLL_MILLIS = 5;

    private final ProjectionPositions positions;
    private final Duration timeout;

    public AwaitPosition(ProjectionPositions positions, Duration timeout) {
        this.positions = positions;
        this.timeout = timeout;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        String header = request.getHeader(HEADER);
        if (header == null || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        long position = parse(header);
        Collection<String> projections = projections(method);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!positions.reached(projections, position)) {
            if (System.nanoTime() > deadline) {
                throw new PhoenixException(ErrorCode.PROJECTION_BEHIND, "The data is not up to date yet. "
                        + "Please try again in a moment.", Map.of("awaitedPosition", position));
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    private Collection<String> projections(HandlerMethod method) {
        ReadsProjection reads = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), ReadsProjection.class);
        if (reads == null) {
            reads = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), ReadsProjection.class);
        }
        return reads == null ? positions.all() : List.of(reads.value());
    }

    private static long parse(String header) {
        try {
            long position = Long.parseLong(header.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new PhoenixException(ErrorCode.INVALID_POSITION,
                HEADER + " is the non-negative number a command answered in X-Phoenix-Position.");
    }
}
