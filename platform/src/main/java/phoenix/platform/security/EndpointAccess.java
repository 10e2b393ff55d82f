package phoenix.platform.security;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.web.method.HandlerMethod;
import phoenix.api.Role;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Who may call a handler method, as its annotations declare. Used to enforce, and by the tests of the matrix. */
public sealed interface EndpointAccess {

    boolean admits(Authentication caller);

    record Users(Set<Role> roles) implements EndpointAccess {
        @Override
        public boolean admits(Authentication caller) {
            return caller != null && !(caller instanceof DeviceAuthentication) && !(caller instanceof BridgeAuthentication)
                    && caller.getAuthorities().stream().anyMatch(granted -> roles.stream()
                    .anyMatch(role -> Roles.authority(role).equals(granted.getAuthority())));
        }
    }

    record Devices() implements EndpointAccess {
        @Override
        public boolean admits(Authentication caller) {
            return caller instanceof DeviceAuthentication;
        }
    }

    record Bridge() implements EndpointAccess {
        @Override
        public boolean admits(Authentication caller) {
            return caller instanceof BridgeAuthentication;
        }
    }

    record Anyone() implements EndpointAccess {
        @Override
        public boolean admits(Authentication caller) {
            return true;
        }
    }

    /** Empty when the handler declares nothing, which means nobody may call it. */
    static Optional<EndpointAccess> of(HandlerMethod handler) {
        AllowedRoles roles = find(handler, AllowedRoles.class);
        if (roles != null) {
            return Optional.of(new Users(roles.value().length == 0
                    ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(java.util.List.of(roles.value()))));
        }
        if (find(handler, DeviceEndpoint.class) != null) {
            return Optional.of(new Devices());
        }
        if (find(handler, BridgeEndpoint.class) != null) {
            return Optional.of(new Bridge());
        }
        if (find(handler, PublicEndpoint.class) != null) {
            return Optional.of(new Anyone());
        }
        return Optional.empty();
    }

    private static <A extends java.lang.annotation.Annotation> A find(HandlerMethod handler, Class<A> type) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), type);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), type);
    }
}
