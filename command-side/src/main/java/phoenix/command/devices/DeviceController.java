package phoenix.command.devices;

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
import phoenix.api.devices.ChangeDeviceStatus;
import phoenix.api.devices.DeviceStatus;
import phoenix.api.devices.RegisterDevice;
import phoenix.api.devices.RotateDeviceKey;
import phoenix.command.dispatch.Commands;
import phoenix.platform.security.AllowedRoles;

import java.net.URI;

import static phoenix.api.Role.ADMIN;

@RestController
@RequestMapping("/api/devices")
@AllowedRoles(ADMIN)
@Tag(name = "Devices")
class DeviceController {

    private final Commands commands;

    DeviceController(Commands commands) {
        this.commands = commands;
    }

    /** {@code deviceId} such as RFID-MAIN-001; {@code type} such as RFID_READER. */
    record DeviceRequest(@NotNull String deviceId, @NotNull @Size(max = 100) String name, @Size(max = 50) String type) {
    }

    record StatusRequest(@NotNull DeviceStatus status) {
    }

    /** The API key is shown here and never again; only its hash is kept. */
    record DeviceKey(String deviceId, String apiKey) {
    }

    @PostMapping
    ResponseEntity<DeviceKey> register(@Valid @RequestBody DeviceRequest request) {
        String key = ApiKeys.generate();
        return commands.create(new RegisterDevice(request.deviceId(), request.name(), request.type(),
                        ApiKeys.hash(key)), ErrorCode.DEVICE_ALREADY_REGISTERED)
                .created(URI.create("/api/devices/" + request.deviceId()), new DeviceKey(request.deviceId(), key));
    }

    @PutMapping("/{id}/status")
    ResponseEntity<Void> changeStatus(@PathVariable String id, @Valid @RequestBody StatusRequest request) {
        return commands.send(new ChangeDeviceStatus(id, request.status()), ErrorCode.DEVICE_NOT_FOUND).noContent();
    }

    /** A new key; the old one stops working at once. */
    @PostMapping("/{id}/key")
    ResponseEntity<DeviceKey> rotateKey(@PathVariable String id) {
        String key = ApiKeys.generate();
        return commands.send(new RotateDeviceKey(id, ApiKeys.hash(key)), ErrorCode.DEVICE_NOT_FOUND)
                .ok(new DeviceKey(id, key));
    }
}
