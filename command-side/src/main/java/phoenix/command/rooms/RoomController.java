package phoenix.command.rooms;

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
import phoenix.api.rooms.ChangeRoomDetails;
import phoenix.api.rooms.RegisterRoom;
import phoenix.api.rooms.RoomDetails;
import phoenix.command.dispatch.Commands;
import phoenix.platform.security.AllowedRoles;

import java.net.URI;
import java.util.UUID;

import static phoenix.api.Role.ADMIN;

@RestController
@RequestMapping("/api/rooms")
@AllowedRoles(ADMIN)
@Tag(name = "Rooms")
class RoomController {

    private final Commands commands;

    RoomController(Commands commands) {
        this.commands = commands;
    }

    /** Shape only; the rules (a name, no negative capacity) are the Room's. */
    record RoomRequest(@NotNull @Size(max = 100) String name,
                       @Size(max = 100) String building,
                       Integer floor,
                       @NotNull Integer capacity,
                       @Size(max = 100) String category) {
        RoomDetails details() {
            return new RoomDetails(name, building, floor, capacity, category);
        }
    }

    record RoomCreated(UUID id) {
    }

    @PostMapping
    ResponseEntity<RoomCreated> register(@Valid @RequestBody RoomRequest request) {
        UUID id = UUID.randomUUID();
        return commands.send(new RegisterRoom(id, request.details()))
                .created(URI.create("/api/rooms/" + id), new RoomCreated(id));
    }

    @PutMapping("/{id}")
    ResponseEntity<Void> change(@PathVariable UUID id, @Valid @RequestBody RoomRequest request) {
        return commands.send(new ChangeRoomDetails(id, request.details()), ErrorCode.ROOM_NOT_FOUND).noContent();
    }
}
