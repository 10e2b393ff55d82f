package phoenix.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;

/**
 * Enforces {@link AllowedRoles}, {@link DeviceEndpoint} and {@link PublicEndpoint} before the request body is
 * read, so a caller without the right role gets 403 even for a request that would be malformed. The filter chain
 * has already answered 401 to callers without valid credentials.
 */
public class EndpointAccessInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true; // static resources and the like: the filter chain decides
        }
        EndpointAccess access = EndpointAccess.of(method).orElseThrow(() -> forbidden("This endpoint is closed."));
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (!access.admits(caller)) {
            throw forbidden("Your role may not do this.");
        }
        return true;
    }

    private static PhoenixException forbidden(String message) {
        return new PhoenixException(ErrorCode.FORBIDDEN, message);
    }
}
