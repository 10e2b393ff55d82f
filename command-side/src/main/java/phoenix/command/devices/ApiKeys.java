package phoenix.command.devices;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Device API keys: 256 random bits, shown once at registration or rotation. Only their SHA-256 hash is stored:
 * the key is random, so a fast hash suffices (no bcrypt on every tap), and the hash alone opens nothing.
 */
final class ApiKeys {

    private static final SecureRandom random = new SecureRandom();

    private ApiKeys() {
    }

    static String generate() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return "phx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
