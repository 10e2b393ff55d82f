package phoenix.command.devices;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import phoenix.platform.security.DeviceEndpoint;

import java.time.Clock;
import java.time.Instant;

/** Lets a reader check its key and the server's clock. */
@RestController
@RequestMapping("/api/iot")
@DeviceEndpoint
@Tag(name = "Device API")
class DevicePingController {

    private final Clock clock;

    DevicePingController(Clock clock) {
        this.clock = clock;
    }

    record Pong(String deviceId, Instant serverTime) {
    }

    @PostMapping("/ping")
    Pong ping(Authentication device) {
        return new Pong(device.getName(), clock.instant());
    }
}
