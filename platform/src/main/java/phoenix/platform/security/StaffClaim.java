package phoenix.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Optional;
import java.util.UUID;

/** The staff member a user's account belongs to: the token's {@code staffId} claim, set at login. */
public final class StaffClaim {

    public static final String CLAIM = "staffId";

    private StaffClaim() {
    }

    public static Optional<UUID> of(Authentication caller) {
        if (caller instanceof JwtAuthenticationToken jwt && jwt.getToken().hasClaim(CLAIM)) {
            return Optional.of(UUID.fromString(jwt.getToken().getClaimAsString(CLAIM)));
        }
        return Optional.empty();
    }
}
