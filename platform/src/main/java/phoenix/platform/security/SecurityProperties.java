package phoenix.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param jwtSecret the HMAC key that signs access tokens, base64, at least 32 bytes; every command-side and
 *                  query-side instance must have the same one. Empty: a key is generated once and kept in the
 *                  database (auth.signing_keys), where every instance finds it; each app warns about it.
 * @param tokenTtl  how long an access token is valid: an afternoon shift by default
 * @param issuer    the {@code iss} claim, checked on every token
 */
@ConfigurationProperties("phoenix.security")
public record SecurityProperties(String jwtSecret,
                                 @DefaultValue("8h") Duration tokenTtl,
                                 @DefaultValue("phoenix") String issuer) {
}
