package phoenix.command.tags;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.people.PersonKind;
import phoenix.api.tags.AssignTag;
import phoenix.api.tags.RemoveTag;
import phoenix.command.dispatch.Commands;
import phoenix.platform.security.AllowedRoles;

import java.util.UUID;

import static phoenix.api.Role.ADMIN;

/** Handing out and taking back RFID wristbands and cards. */
@RestController
@AllowedRoles(ADMIN)
@Tag(name = "Tags")
class TagController {

    private final Commands commands;

    TagController(Commands commands) {
        this.commands = commands;
    }

    record TagRequest(@NotNull String tag) {
    }

    /** {@code previousHolderId}: the person the tag was taken from, if it was someone else's. */
    record TagAnswer(UUID personId, String tag, UUID previousHolderId) {
    }

    @PutMapping("/api/students/{id}/tag")
    ResponseEntity<TagAnswer> assignToStudent(@PathVariable UUID id, @Valid @RequestBody TagRequest request) {
        return assign(PersonKind.STUDENT, id, request);
    }

    @PutMapping("/api/staff/{id}/tag")
    ResponseEntity<TagAnswer> assignToStaff(@PathVariable UUID id, @Valid @RequestBody TagRequest request) {
        return assign(PersonKind.STAFF, id, request);
    }

    /** The body {@code {tag}} is optional: with it, the person must hold exactly that tag. */
    @DeleteMapping("/api/students/{id}/tag")
    ResponseEntity<Void> removeFromStudent(@PathVariable UUID id, @RequestBody(required = false) TagRequest request) {
        return commands.send(new RemoveTag(id, PersonKind.STUDENT, request == null ? null : request.tag())).noContent();
    }

    @DeleteMapping("/api/staff/{id}/tag")
    ResponseEntity<Void> removeFromStaff(@PathVariable UUID id, @RequestBody(required = false) TagRequest request) {
        return commands.send(new RemoveTag(id, PersonKind.STAFF, request == null ? null : request.tag())).noContent();
    }

    private ResponseEntity<TagAnswer> assign(PersonKind kind, UUID id, TagRequest request) {
        var sent = commands.<TagAssignment.Assigned>send(new AssignTag(id, kind, request.tag()));
        var assigned = sent.result();
        return sent.ok(new TagAnswer(assigned.personId(), assigned.tag(), assigned.previousHolderId()));
    }
}
