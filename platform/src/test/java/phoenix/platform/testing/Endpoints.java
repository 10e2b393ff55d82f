package phoenix.platform.testing;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import phoenix.platform.security.EndpointAccess;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every {@code /api/**} endpoint of an app, as its handler mappings list them, with who may call it. */
public final class Endpoints {

    /** A callable address: path variables filled with a fresh id. */
    public record Endpoint(String method, String pattern, String path, Optional<EndpointAccess> access) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private Endpoints() {
    }

    public static List<Endpoint> of(RequestMappingHandlerMapping mappings) {
        List<Endpoint> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                String path = pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                for (var method : info.getMethodsCondition().getMethods()) {
                    endpoints.add(new Endpoint(method.name(), pattern, path, EndpointAccess.of(handler)));
                }
            }
        });
        endpoints.sort(Comparator.comparing(Endpoint::toString));
        return endpoints;
    }
}
