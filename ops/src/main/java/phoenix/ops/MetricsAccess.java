package phoenix.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards {@code /actuator/prometheus}: only a caller with the metrics token reads it (metrics name readers and
 * rooms; they are not for whoever reaches the port). Without a configured token nobody does. Runs before any other
 * filter; the apps' own security lets this path through (it knows users and devices, not Prometheus).
 */
final class MetricsAccess extends OncePerRequestFilter {

    static final String PATH = "/actuator/prometheus";

    private final byte[] expected;

    MetricsAccess(MetricsProperties properties) {
        this.expected = properties.enabled() ? ("Bearer " + properties.token().strip())
                .getBytes(StandardCharsets.UTF_8) : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (expected != null && header != null
                && MessageDigest.isEqual(expected, header.strip().getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"urn:phoenix:problem:UNAUTHENTICATED\",\"title\":\"Unauthenticated\","
                + "\"status\":401,\"code\":\"UNAUTHENTICATED\",\"detail\":\"" + (expected == null
                ? "Metrics are not served: set phoenix.metrics.token." : "The metrics need the metrics token.")
                + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
