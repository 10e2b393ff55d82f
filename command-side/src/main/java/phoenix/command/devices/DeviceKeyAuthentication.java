package phoenix.command.devices;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import phoenix.api.ErrorCode;
import phoenix.api.devices.DeviceStatus;
import phoenix.platform.security.BridgeAuthentication;
import phoenix.platform.security.DeviceAuthentication;
import phoenix.platform.web.ProblemResponses;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates devices on the device API by the API key they send as {@code Authorization: Bearer <key>}.
 * Unknown or missing key: 401 (by the chain's entry point). Known key of a device that is not active: 403.
 * The device bridge sends its own key and names the device it speaks for in {@value #DEVICE_HEADER}: it may speak
 * for registered, active devices only (else 401 UNKNOWN_DEVICE, 403 DEVICE_INACTIVE). Naming no device, it is
 * only itself, which the bridge's own endpoint admits.
 */
class DeviceKeyAuthentication extends OncePerRequestFilter {

    static final String DEVICE_HEADER = "X-Phoenix-Device";
    private static final String BEARER = "Bearer ";

    private final DeviceCredentials credentials;
    private final Heartbeats heartbeats;
    private final Clock clock;
    private final ProblemResponses problems;
    private final byte[] bridgeKeyHash;

    DeviceKeyAuthentication(DeviceCredentials credentials, Heartbeats heartbeats, Clock clock,
                            ProblemResponses problems, DeviceProperties properties) {
        this.credentials = credentials;
        this.heartbeats = heartbeats;
        this.clock = clock;
        this.problems = problems;
        this.bridgeKeyHash = properties.bridgeKey() == null || properties.bridgeKey().isBlank() ? null
                : ApiKeys.hash(properties.bridgeKey()).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String key = header.substring(BEARER.length()).trim();
            String keyHash = ApiKeys.hash(key);
            boolean bridge = bridgeKeyHash != null
                    && MessageDigest.isEqual(bridgeKeyHash, keyHash.getBytes(StandardCharsets.US_ASCII));
            String bridgedFor = request.getHeader(DEVICE_HEADER);
            if (bridge && (bridgedFor == null || bridgedFor.isBlank())) {
                // the bridge as itself: only its own endpoint admits it
                SecurityContextHolder.getContext().setAuthentication(new BridgeAuthentication());
                chain.doFilter(request, response);
                return;
            }
            Optional<DeviceCredentials.Credential> device;
            try {
                device = bridge ? credentials.byDeviceId(bridgedFor.trim()) : credentials.byKeyHash(keyHash);
            } catch (DataAccessException databaseDown) {
                // not "who are you?" (401): the device is to try again, not to doubt its key
                problems.write(request, response, ProblemResponses.unavailable());
                return;
            }
            if (bridge && device.isEmpty()) {
                problems.write(request, response, ProblemResponses.problem(ErrorCode.UNKNOWN_DEVICE,
                        "The bridge may speak only for registered devices.", Map.of()));
                return;
            }
            if (device.isPresent()) {
                if (device.get().status() != DeviceStatus.ACTIVE) {
                    problems.write(request, response, ProblemResponses.problem(ErrorCode.DEVICE_INACTIVE,
                            "This device is " + device.get().status().name().toLowerCase(Locale.ROOT) + ".",
                            Map.of("deviceId", device.get().deviceId())));
                    return;
                }
                SecurityContextHolder.getContext().setAuthentication(
                        new DeviceAuthentication(device.get().deviceId()));
                heartbeats.seen(device.get().deviceId(), clock.instant());
            }
        }
        chain.doFilter(request, response);
    }

}
