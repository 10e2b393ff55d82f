package phoenix.command.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.platform.web.CorrelationId;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

/** Writes audit.auth_events (append-only): logins, failed logins, new accounts. Never a password or an email. */
@Component
class AuthAudit {

    enum Kind { LOGIN_SUCCEEDED, LOGIN_FAILED, ACCOUNT_CREATED }

    enum Reason { UNKNOWN_ACCOUNT, WRONG_PASSWORD, ACCOUNT_INACTIVE, BOOTSTRAP }

    private final JdbcClient jdbc;
    private final Clock clock;

    AuthAudit(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(Kind kind, UUID accountId, Reason reason, UUID actorId, HttpServletRequest request) {
        jdbc.sql("""
                        INSERT INTO audit.auth_events
                            (occurred_at, kind, account_id, reason, actor_id, remote_address, correlation_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """)
                .param(Timestamp.from(clock.instant()))
                .param(kind.name())
                .param(accountId)
                .param(reason == null ? null : reason.name())
                .param(actorId)
                .param(request == null ? null : request.getRemoteAddr())
                .param(CorrelationId.current())
                .update();
    }
}
