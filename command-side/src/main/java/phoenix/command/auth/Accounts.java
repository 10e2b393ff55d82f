package phoenix.command.auth;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.Role;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * User accounts (auth.accounts, written only here): credentials, not school domain, so not event-sourced.
 * Passwords are kept as bcrypt hashes and never logged.
 */
@Component
class Accounts {

    static final int MIN_PASSWORD_LENGTH = 10;

    record Account(UUID id, String passwordHash, Set<Role> roles, boolean active, UUID staffId) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PasswordEncoder passwords = new BCryptPasswordEncoder();
    // compared against when the email is unknown, so both cases take the same time
    private final String unknownAccountHash = passwords.encode(UUID.randomUUID().toString());

    Accounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    UUID create(String email, String password, Set<Role> roles, UUID staffId, UUID createdBy) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new PhoenixException(ErrorCode.PASSWORD_TOO_SHORT,
                    "A password has at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                            INSERT INTO auth.accounts (id, email, password_hash, roles, staff_id, created_at, created_by)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """)
                    .param(id).param(email.trim()).param(passwords.encode(password))
                    .param(roles.stream().map(Role::name).sorted().toArray(String[]::new))
                    .param(staffId).param(java.sql.Timestamp.from(clock.instant())).param(createdBy)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new PhoenixException(ErrorCode.EMAIL_TAKEN, "An account with this email exists.");
        }
        return id;
    }

    boolean none() {
        return jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM auth.accounts)").query(Boolean.class).single();
    }

    Optional<Account> byEmail(String email) {
        return jdbc.sql("SELECT id, password_hash, roles, active, staff_id FROM auth.accounts WHERE lower(email) = lower(?)")
                .param(email.trim())
                .query((rs, row) -> new Account(rs.getObject("id", UUID.class), rs.getString("password_hash"),
                        roles(rs.getArray("roles")), rs.getBoolean("active"), rs.getObject("staff_id", UUID.class)))
                .optional();
    }

    boolean passwordMatches(Optional<Account> account, String password) {
        return passwords.matches(password, account.map(Account::passwordHash).orElse(unknownAccountHash))
                && account.isPresent();
    }

    private static Set<Role> roles(Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) array.getArray()).map(Role::valueOf).forEach(roles::add);
        return roles;
    }
}
