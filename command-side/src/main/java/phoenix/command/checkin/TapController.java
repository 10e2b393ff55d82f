package phoenix.command.checkin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.checkin.ConfirmDailyCheckout;
import phoenix.api.checkin.RecordTap;
import phoenix.api.checkin.TapAnswer;
import phoenix.command.dispatch.Commands;
import phoenix.platform.security.DeviceEndpoint;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** The readers' taps (see {@link Taps} for the rules) and their daily checkout question. */
@RestController
@RequestMapping("/api/iot")
@DeviceEndpoint
@Tag(name = "Device API")
class TapController {

    private final Commands commands;
    private final ProcessedTaps processed;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Timer answering;

    TapController(Commands commands, ProcessedTaps processed, Clock clock, MeterRegistry metrics) {
        this.commands = commands;
        this.processed = processed;
        this.clock = clock;
        this.metrics = metrics;
        this.answering = Timer.builder("phoenix.tap.duration")
                .description("How long the command side takes to answer a tap")
                .publishPercentileHistogram()
                .register(metrics);
    }

    /**
     * {@code tapId}: the reader's id of this tap, so a tap sent twice counts once; {@code roomId}: the room the
     * reader is in (null: the room of its running session); {@code tappedAt}: the reader's time of the tap.
     */
    record TapRequest(@NotNull @Size(max = 200) String tag, UUID roomId, @NotBlank @Size(max = 100) String tapId,
                      Instant tappedAt) {
    }

    /** {@code destination}: "home" or "in_transit". */
    record DailyCheckoutRequest(@NotNull @Size(max = 200) String tag, String destination) {
    }

    @PostMapping("/taps")
    ResponseEntity<TapAnswer> tap(@Valid @RequestBody TapRequest request, Authentication device) {
        Timer.Sample started = Timer.start();
        try {
            ResponseEntity<TapAnswer> answer = commands.<TapAnswer>send(new RecordTap(request.tapId(),
                    device.getName(), request.tag(), request.roomId(), request.tappedAt())).ok();
            count(device.getName(), answer.getBody().action(), "none");
            return answer;
        } catch (PhoenixException refusal) {
            if (refusal.code() != ErrorCode.CONCURRENT_MODIFICATION && refusal.code().httpStatus() < 500) {
                processed.rememberRefusal(device.getName(), request.tapId(), refusal, clock.instant());
                count(device.getName(), TapAnswer.REJECTED, refusal.code().name());
            }
            throw refusal;
        } finally {
            started.stop(answering);
        }
    }

    private void count(String device, String action, String code) {
        Counter.builder("phoenix.taps").description("Taps answered, by reader, action and refusal code")
                .tag("device", device).tag("action", action).tag("code", code)
                .register(metrics).increment();
    }

    @PostMapping("/daily-checkout")
    ResponseEntity<TapAnswer> dailyCheckout(@Valid @RequestBody DailyCheckoutRequest request, Authentication device) {
        return commands.<TapAnswer>send(new ConfirmDailyCheckout(device.getName(), request.tag(),
                destination(request.destination()))).ok();
    }

    private static ConfirmDailyCheckout.Destination destination(String destination) {
        if (destination != null) {
            switch (destination.trim().toLowerCase(Locale.ROOT)) {
                case "home":
                    return ConfirmDailyCheckout.Destination.HOME;
                case "in_transit":
                    return ConfirmDailyCheckout.Destination.IN_TRANSIT;
                default:
                    break;
            }
        }
        throw new PhoenixException(ErrorCode.INVALID_DESTINATION, "destination is home or in_transit.");
    }
}
