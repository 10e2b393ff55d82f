package phoenix.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** Finds the key that signs and verifies access tokens: from configuration, else from (or into) the database. */
final class JwtSigningKey {

    private static final Logger log = LoggerFactory.getLogger(JwtSigningKey.class);
    private static final int MIN_BYTES = 32;

    private JwtSigningKey() {
    }

    static SecretKey resolve(SecurityProperties properties, JdbcClient jdbc) {
        if (properties.jwtSecret() != null && !properties.jwtSecret().isBlank()) {
            byte[] secret = Base64.getDecoder().decode(properties.jwtSecret().trim());
            if (secret.length < MIN_BYTES) {
                throw new IllegalStateException("phoenix.security.jwt-secret must be at least " + MIN_BYTES
                        + " bytes, base64-encoded");
            }
            return key(secret);
        }
        log.warn("phoenix.security.jwt-secret is not set: using the signing key kept in the database "
                + "(auth.signing_keys). Set PHOENIX_SECURITY_JWT_SECRET in production.");
        Optional<byte[]> stored = stored(jdbc);
        if (stored.isEmpty()) {
            // the first instance to start (of either app) stores a key; every other one, now or later, reads that one
            byte[] generated = new byte[64];
            new SecureRandom().nextBytes(generated);
            jdbc.sql("INSERT INTO auth.signing_keys (name, secret) VALUES ('jwt', ?) ON CONFLICT (name) DO NOTHING")
                    .param(generated)
                    .update();
            stored = stored(jdbc);
        }
        return key(stored.orElseThrow());
    }

    private static Optional<byte[]> stored(JdbcClient jdbc) {
        return jdbc.sql("SELECT secret FROM auth.signing_keys WHERE name = 'jwt'").query(byte[].class).optional();
    }

    private static SecretKey key(byte[] secret) {
        return new SecretKeySpec(secret, "HmacSHA256");
    }
}
