package phoenix.query.live;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.platform.security.AllowedRoles;
import phoenix.query.access.MyGroups;

import java.util.List;

import static phoenix.api.Role.ADMIN;
import static phoenix.api.Role.STAFF;

@RestController
@AllowedRoles({ADMIN, STAFF})
@Tag(name = "Live events")
class LiveEventsController {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final LiveEvents liveEvents;
    private final MyGroups myGroups;

    LiveEventsController(LiveEvents liveEvents, MyGroups myGroups) {
        this.liveEvents = liveEvents;
        this.myGroups = myGroups;
    }

    /**
     * Server-Sent Events ({@code text/event-stream}) of what happens now, as it happens. Event names:
     * <ul>
     *   <li>{@code check-in}: a child's visit of a session began (tap, staff, or a session replaced by another);</li>
     *   <li>{@code check-out}: a child's visit ended (tap, staff, went home, or its session ended: in transit);</li>
     *   <li>{@code transfer}: a child tapped into another room: its visit moved from {@code fromSessionId} to
     *       {@code sessionId} (no check-out is sent for the visit it left);</li>
     *   <li>{@code session-started}, {@code session-ended}: an activity began or stopped running in a room
     *       ({@code cause}: why it ended).</li>
     * </ul>
     * The data is JSON: {@code type} (the event name), {@code position}, {@code at}, {@code sessionId},
     * {@code roomId}; for children {@code studentId}, {@code cause}, {@code firstName}, {@code lastName},
     * {@code groupId}; for sessions {@code roomName}, {@code activityName}. Admins see every event; staff every
     * session and the children of their groups (led, or substituted today). Lines starting with {@code :} are
     * heartbeats.
     * <p>
     * The {@code id} of an event is its global position. Events come in position order, each once. A client that
     * reconnects with {@code Last-Event-ID} (browsers' {@code EventSource} does so by itself) first gets what it
     * missed, then goes on live. A connection ends after a while (default 30 minutes), and at shutdown; the client
     * reconnects. Browsers cannot send an {@code Authorization} header with {@code EventSource}: here, and only here,
     * the token may instead be the query parameter {@code access_token} (mind that addresses may end up in logs).
     * Without {@code Accept: text/event-stream} (or a wildcard) the answer is 406.
     */
    @GetMapping("/api/events")
    @Operation(summary = "Live check-ins, check-outs, transfers and sessions (Server-Sent Events)")
    SseEmitter events(@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                      @RequestHeader(value = LAST_EVENT_ID, required = false) String lastEventId,
                      Authentication caller) {
        if (!acceptsEventStream(accept)) {
            throw new PhoenixException(ErrorCode.NOT_ACCEPTABLE,
                    "This address streams Server-Sent Events: ask for 'Accept: text/event-stream'.");
        }
        return liveEvents.subscribe(LiveViewer.of(caller, myGroups::of), position(lastEventId));
    }

    private static boolean acceptsEventStream(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            return types.stream().anyMatch(type -> type.includes(MediaType.TEXT_EVENT_STREAM));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static Long position(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            long position = Long.parseLong(lastEventId.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new PhoenixException(ErrorCode.INVALID_POSITION,
                LAST_EVENT_ID + " is the id of the last event received: a non-negative number.");
    }
}
