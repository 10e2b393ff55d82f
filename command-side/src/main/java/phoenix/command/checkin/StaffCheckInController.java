package phoenix.command.checkin;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.checkin.CheckInStudent;
import phoenix.api.checkin.CheckOutStudent;
import phoenix.command.dispatch.Commands;
import phoenix.platform.security.AllowedRoles;
import phoenix.platform.security.StaffClaim;

import java.util.UUID;

import static phoenix.api.Role.ADMIN;
import static phoenix.api.Role.STAFF;

/** Staff check a child in by hand (forgotten wristband), or send it home. */
@RestController
@AllowedRoles({ADMIN, STAFF})
@Tag(name = "Check-in")
class StaffCheckInController {

    private final Commands commands;

    StaffCheckInController(Commands commands) {
        this.commands = commands;
    }

    record CheckInRequest(@NotNull UUID sessionId) {
    }

    /** For the child's group leaders and today's substitutes, and the session's supervisors. */
    @PostMapping("/api/students/{id}/check-in")
    ResponseEntity<Void> checkIn(@PathVariable UUID id, @Valid @RequestBody CheckInRequest request,
                                 Authentication caller) {
        return commands.send(new CheckInStudent(id, request.sessionId(), StaffClaim.of(caller).orElse(null)))
                .noContent();
    }

    /** "Goes home": ends the child's visit and closes its attendance. */
    @PostMapping("/api/students/{id}/check-out")
    ResponseEntity<Void> checkOut(@PathVariable UUID id, Authentication caller) {
        return commands.send(new CheckOutStudent(id, StaffClaim.of(caller).orElse(null))).noContent();
    }
}
