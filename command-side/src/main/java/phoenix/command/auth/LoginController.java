package phoenix.command.auth;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.platform.security.ApiSecurity;
import phoenix.platform.security.PublicEndpoint;
import phoenix.platform.security.Roles;
import phoenix.platform.security.SecurityProperties;
import phoenix.platform.security.StaffClaim;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@RestController
@PublicEndpoint
@Tag(name = "Login")
class LoginController {

    private final Accounts accounts;
    private final AuthAudit audit;
    private final JwtEncoder encoder;
    private final SecurityProperties properties;
    private final Clock clock;

    LoginController(Accounts accounts, AuthAudit audit, JwtEncoder encoder, SecurityProperties properties,
                    Clock clock) {
        this.accounts = accounts;
        this.audit = audit;
        this.encoder = encoder;
        this.properties = properties;
        this.clock = clock;
    }

    record LoginRequest(@NotNull String email, @NotNull String password) {
    }

    /** {@code expiresIn} in seconds; send the token as {@code Authorization: Bearer <accessToken>}. */
    record LoginResponse(String accessToken, String tokenType, long expiresIn, List<String> roles) {
    }

    @PostMapping(ApiSecurity.LOGIN_PATH)
    LoginResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        Optional<Accounts.Account> account = accounts.byEmail(request.email());
        boolean passwordMatches = accounts.passwordMatches(account, request.password());
        if (!passwordMatches || !account.get().active()) {
            AuthAudit.Reason reason = account.isEmpty() ? AuthAudit.Reason.UNKNOWN_ACCOUNT
                    : !passwordMatches ? AuthAudit.Reason.WRONG_PASSWORD : AuthAudit.Reason.ACCOUNT_INACTIVE;
            audit.record(AuthAudit.Kind.LOGIN_FAILED, account.map(Accounts.Account::id).orElse(null), reason,
                    null, http);
            // one answer for all three: the caller learns nothing about which accounts exist
            throw new PhoenixException(ErrorCode.INVALID_CREDENTIALS, "Email or password is wrong.");
        }
        Accounts.Account user = account.get();
        audit.record(AuthAudit.Kind.LOGIN_SUCCEEDED, user.id(), null, null, http);
        Instant now = clock.instant();
        List<String> roles = Roles.names(user.roles());
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(user.id().toString())
                .issuedAt(now)
                .expiresAt(now.plus(properties.tokenTtl()))
                .claim(Roles.CLAIM, roles);
        if (user.staffId() != null) {
            claims.claim(StaffClaim.CLAIM, user.staffId().toString());
        }
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
                claims.build())).getTokenValue();
        return new LoginResponse(token, "Bearer", properties.tokenTtl().toSeconds(), roles);
    }
}
