package phoenix.command.activities;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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
import phoenix.api.activities.ActivityDetails;
import phoenix.api.activities.ChangeActivityDetails;
import phoenix.api.activities.RegisterActivity;
import phoenix.command.dispatch.Commands;
import phoenix.platform.security.AllowedRoles;

import java.net.URI;
import java.util.UUID;

import static phoenix.api.Role.ADMIN;

@RestController
@RequestMapping("/api/activities")
@AllowedRoles(ADMIN)
@Tag(name = "Activities")
class ActivityController {

    private final Commands commands;

    ActivityController(Commands commands) {
        this.commands = commands;
    }

    /** {@code category}: free text such as "Sport"; a new category is listed from its first activity on. */
    record ActivityRequest(@NotNull @Size(max = 100) String name,
                           @NotNull @Size(max = 50) String category,
                           @NotNull Integer maxParticipants,
                           UUID plannedRoomId) {
        ActivityDetails details() {
            return new ActivityDetails(name, category, maxParticipants, plannedRoomId);
        }
    }

    record ActivityCreated(UUID id) {
    }

    @PostMapping
    ResponseEntity<ActivityCreated> register(@Valid @RequestBody ActivityRequest request) {
        UUID id = UUID.randomUUID();
        return commands.send(new RegisterActivity(id, request.details()))
                .created(URI.create("/api/activities/" + id), new ActivityCreated(id));
    }

    @PutMapping("/{id}")
    ResponseEntity<Void> change(@PathVariable UUID id, @Valid @RequestBody ActivityRequest request) {
        return commands.send(new ChangeActivityDetails(id, request.details()), ErrorCode.ACTIVITY_NOT_FOUND)
                .noContent();
    }
}
