package phoenix.command.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin account, created at start-up when there is no account at all.
 *
 * @param adminEmail    its login (env PHOENIX_BOOTSTRAP_ADMIN_EMAIL)
 * @param adminPassword its password, at least 10 characters (env PHOENIX_BOOTSTRAP_ADMIN_PASSWORD); without it
 *                      no account is created, and nobody can log in
 */
@ConfigurationProperties("phoenix.bootstrap")
public record BootstrapProperties(@DefaultValue("admin@phoenix.local") String adminEmail, String adminPassword) {
}
