package phoenix.command.auth;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.Role;
import phoenix.command.dispatch.KnownAggregates;
import phoenix.command.people.Staff;
import phoenix.platform.security.AllowedRoles;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import static phoenix.api.Role.ADMIN;

@RestController
@AllowedRoles(ADMIN)
@Tag(name = "Accounts")
class AccountController {

    private final Accounts accounts;
    private final AuthAudit audit;
    private final KnownAggregates known;

    AccountController(Accounts accounts, AuthAudit audit, KnownAggregates known) {
        this.accounts = accounts;
        this.audit = audit;
        this.known = known;
    }

    /** {@code staffId} links a STAFF account to the staff member it belongs to ("my groups"). */
    record AccountRequest(@NotNull @Email @Size(max = 200) String email,
                          @NotNull @Size(max = 200) String password,
                          @NotEmpty Set<Role> roles,
                          UUID staffId) {
    }

    record AccountCreated(UUID id) {
    }

    @PostMapping("/api/accounts")
    ResponseEntity<AccountCreated> create(@Valid @RequestBody AccountRequest request, Authentication admin,
                                          HttpServletRequest http) {
        if (request.staffId() != null && !known.exists(Staff.class, request.staffId())) {
            throw new PhoenixException(ErrorCode.STAFF_NOT_FOUND, "There is no such staff member.");
        }
        UUID adminId = UUID.fromString(admin.getName());
        UUID id = accounts.create(request.email(), request.password(), EnumSet.copyOf(request.roles()),
                request.staffId(), adminId);
        audit.record(AuthAudit.Kind.ACCOUNT_CREATED, id, null, adminId, http);
        return ResponseEntity.status(HttpStatus.CREATED).body(new AccountCreated(id));
    }
}
