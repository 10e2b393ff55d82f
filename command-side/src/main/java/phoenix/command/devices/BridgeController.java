package phoenix.command.devices;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import phoenix.platform.security.BridgeEndpoint;

import java.util.Map;

/** The device bridge asks here whether the command side takes its key, before (and between) taps. */
@RestController
@Tag(name = "Device API")
class BridgeController {

    /** 200 when the bridge's key is the configured {@code phoenix.devices.bridge-key}; 401 otherwise. */
    @GetMapping("/api/iot/bridge")
    @BridgeEndpoint
    Map<String, Boolean> credentialAccepted() {
        return Map.of("accepted", true);
    }
}
