package phoenix.command.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.Role;

import java.util.Set;
import java.util.UUID;

/** On a fresh installation, creates the first admin from configuration, so someone can log in. */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Accounts accounts;
    private final AuthAudit audit;
    private final BootstrapProperties properties;

    AdminBootstrap(Accounts accounts, AuthAudit audit, BootstrapProperties properties) {
        this.accounts = accounts;
        this.audit = audit;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!accounts.none()) {
            return;
        }
        if (properties.adminPassword() == null || properties.adminPassword().isBlank()) {
            log.warn("There is no account yet, and phoenix.bootstrap.admin-password is not set: nobody can log in. "
                    + "Set PHOENIX_BOOTSTRAP_ADMIN_PASSWORD (10+ characters) and restart.");
            return;
        }
        try {
            UUID id = accounts.create(properties.adminEmail(), properties.adminPassword(), Set.of(Role.ADMIN),
                    null, null);
            audit.record(AuthAudit.Kind.ACCOUNT_CREATED, id, AuthAudit.Reason.BOOTSTRAP, null, null);
            log.info("Created the first admin account {} from phoenix.bootstrap.*", id);
        } catch (PhoenixException e) {
            if (e.code() != ErrorCode.EMAIL_TAKEN) { // EMAIL_TAKEN: another instance starting at once was faster
                log.error("Could not create the first admin account: {}", e.getMessage());
            }
        }
    }
}
