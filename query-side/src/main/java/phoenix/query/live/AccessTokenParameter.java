package phoenix.query.live;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Finds the access token in the {@code Authorization} header, and for {@code GET /api/events} alone also in the
 * query parameter {@code access_token} (RFC 6750 §2.3): a browser's {@code EventSource} cannot send headers. Anywhere
 * else the parameter is ignored, so a token there authenticates nothing (401).
 */
public final class AccessTokenParameter implements BearerTokenResolver {

    private final RequestMatcher liveEvents = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.GET, "/api/events");
    private final DefaultBearerTokenResolver headerOnly = new DefaultBearerTokenResolver();
    private final DefaultBearerTokenResolver headerOrParameter = new DefaultBearerTokenResolver();

    public AccessTokenParameter() {
        headerOrParameter.setAllowUriQueryParameter(true);
    }

    @Override
    public String resolve(HttpServletRequest request) {
        return liveEvents.matches(request) ? headerOrParameter.resolve(request) : headerOnly.resolve(request);
    }
}
