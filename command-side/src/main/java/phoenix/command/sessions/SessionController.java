package phoenix.command.sessions;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.sessions.ClaimSession;
import phoenix.command.dispatch.Commands;
import phoenix.platform.security.AllowedRoles;
import phoenix.platform.security.StaffClaim;

import java.util.UUID;

import static phoenix.api.Role.STAFF;

@RestController
@AllowedRoles(STAFF)
@Tag(name = "Sessions")
class SessionController {

    private final Commands commands;

    SessionController(Commands commands) {
        this.commands = commands;
    }

    /** A staff member supervises a session that nobody supervises (the schoolyard's); a second claim: 409. */
    @PostMapping("/api/sessions/{id}/claim")
    ResponseEntity<Void> claim(@PathVariable UUID id, Authentication caller) {
        UUID staffId = StaffClaim.of(caller).orElseThrow(() -> new PhoenixException(ErrorCode.FORBIDDEN,
                "Your account belongs to no staff member."));
        return commands.send(new ClaimSession(id, staffId), ErrorCode.SESSION_NOT_FOUND).noContent();
    }
}
