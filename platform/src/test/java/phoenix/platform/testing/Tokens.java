package phoenix.platform.testing;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import phoenix.api.Role;
import phoenix.platform.security.Roles;
import phoenix.platform.security.SecurityProperties;
import phoenix.platform.security.StaffClaim;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Access tokens as login issues them, for tests that are not about login. */
public final class Tokens {

    private Tokens() {
    }

    public static String of(JwtEncoder encoder, SecurityProperties properties, UUID accountId, UUID staffId,
                            Role... roles) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(accountId.toString())
                .issuedAt(now)
                .expiresAt(now.plus(properties.tokenTtl()))
                .claim(Roles.CLAIM, Roles.names(List.of(roles)));
        if (staffId != null) {
            claims.claim(StaffClaim.CLAIM, staffId.toString());
        }
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
    }

    public static String of(JwtEncoder encoder, SecurityProperties properties, Role... roles) {
        return of(encoder, properties, UUID.randomUUID(), null, roles);
    }
}
