package phoenix.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.stream.Collectors;

/**
 * Who causes a change: a logged-in user (account id and roles), a device (device id), or the system (schedulers,
 * start-up). Recorded in every event's metadata; ids only, never names.
 */
public record Actor(Type type, String id, String role) {

    public enum Type { USER, DEVICE, SYSTEM }

    public static final Actor SYSTEM = new Actor(Type.SYSTEM, "system", null);

    public static Actor current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            String roles = jwt.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .filter(a -> a.startsWith(Roles.PREFIX))
                    .map(a -> a.substring(Roles.PREFIX.length()))
                    .sorted()
                    .collect(Collectors.joining(","));
            return new Actor(Type.USER, jwt.getName(), roles);
        }
        if (authentication instanceof DeviceAuthentication device) {
            return new Actor(Type.DEVICE, device.getName(), null);
        }
        return SYSTEM;
    }
}
