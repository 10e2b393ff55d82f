package phoenix.command.groups;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.ErrorCode;
import phoenix.api.groups.AssignStudentToGroup;
import phoenix.api.groups.ChangeGroup;
import phoenix.api.groups.CreateGroup;
import phoenix.api.groups.DeleteGroup;
import phoenix.api.groups.RemoveStudentFromGroup;
import phoenix.command.dispatch.Commands;
import phoenix.platform.security.AllowedRoles;

import java.net.URI;
import java.util.Set;
import java.util.UUID;

import static phoenix.api.Role.ADMIN;
import static phoenix.api.Role.STAFF;

@RestController
@Tag(name = "Groups")
class GroupController {

    private final Commands commands;

    GroupController(Commands commands) {
        this.commands = commands;
    }

    /** {@code teacherIds}: the group's leaders, staff with the teacher flag; may be empty. */
    record GroupRequest(@NotNull @Size(max = 100) String name, @NotNull UUID homeRoomId,
                        @NotNull Set<@NotNull UUID> teacherIds) {
    }

    record GroupCreated(UUID id) {
    }

    record Membership(@NotNull UUID groupId) {
    }

    @PostMapping("/api/groups")
    @AllowedRoles(ADMIN)
    ResponseEntity<GroupCreated> create(@Valid @RequestBody GroupRequest request) {
        UUID id = UUID.randomUUID();
        return commands.send(new CreateGroup(id, request.name(), request.homeRoomId(), request.teacherIds()))
                .created(URI.create("/api/groups/" + id), new GroupCreated(id));
    }

    @PutMapping("/api/groups/{id}")
    @AllowedRoles(ADMIN)
    ResponseEntity<Void> change(@PathVariable UUID id, @Valid @RequestBody GroupRequest request) {
        return commands.send(new ChangeGroup(id, request.name(), request.homeRoomId(), request.teacherIds()),
                ErrorCode.GROUP_NOT_FOUND).noContent();
    }

    /** Its children become group-less, its substitutions end. */
    @DeleteMapping("/api/groups/{id}")
    @AllowedRoles(ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        return commands.send(new DeleteGroup(id), ErrorCode.GROUP_NOT_FOUND).noContent();
    }

    /** Puts the child into the group; a child in another group moves. */
    @PutMapping("/api/students/{id}/group")
    @AllowedRoles({ADMIN, STAFF})
    ResponseEntity<Void> assign(@PathVariable UUID id, @Valid @RequestBody Membership request) {
        return commands.send(new AssignStudentToGroup(id, request.groupId()), ErrorCode.STUDENT_NOT_FOUND).noContent();
    }

    @DeleteMapping("/api/students/{id}/group")
    @AllowedRoles({ADMIN, STAFF})
    ResponseEntity<Void> remove(@PathVariable UUID id) {
        return commands.send(new RemoveStudentFromGroup(id), ErrorCode.STUDENT_NOT_FOUND).noContent();
    }
}
