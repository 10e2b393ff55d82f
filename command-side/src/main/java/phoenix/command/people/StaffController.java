package phoenix.command.people;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.ErrorCode;
import phoenix.api.people.ChangeStaffDetails;
import phoenix.api.people.RegisterStaff;
import phoenix.command.dispatch.Commands;
import phoenix.platform.security.AllowedRoles;

import java.net.URI;
import java.util.UUID;

import static phoenix.api.Role.ADMIN;

@RestController
@RequestMapping("/api/staff")
@AllowedRoles(ADMIN)
@Tag(name = "Staff")
class StaffController {

    private final Commands commands;

    StaffController(Commands commands) {
        this.commands = commands;
    }

    /** {@code teacher}: may lead an OGS group. */
    record StaffRequest(@NotNull @Size(max = 100) String firstName,
                        @NotNull @Size(max = 100) String lastName,
                        @Email @Size(max = 200) String email,
                        @Size(max = 100) String position,
                        boolean teacher) {
    }

    record StaffCreated(UUID id) {
    }

    @PostMapping
    ResponseEntity<StaffCreated> register(@Valid @RequestBody StaffRequest request) {
        UUID id = UUID.randomUUID();
        return commands.send(new RegisterStaff(id, request.firstName(), request.lastName(), request.email(),
                        request.position(), request.teacher()))
                .created(URI.create("/api/staff/" + id), new StaffCreated(id));
    }

    @PutMapping("/{id}")
    ResponseEntity<Void> change(@PathVariable UUID id, @Valid @RequestBody StaffRequest request) {
        return commands.send(new ChangeStaffDetails(id, request.firstName(), request.lastName(), request.email(),
                request.position(), request.teacher()), ErrorCode.STAFF_NOT_FOUND).noContent();
    }
}
