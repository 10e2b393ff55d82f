package phoenix.command.dispatch;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.net.URI;

/**
 * A command that was handled and committed: its result, and the global position of the last event it produced
 * (or of the event store's head when it produced none), which every answer carries as {@value #POSITION_HEADER}.
 */
public record Sent<R>(R result, long position) {

    public static final String POSITION_HEADER = "X-Phoenix-Position";

    /** 200 with the command's result as the body. */
    public ResponseEntity<R> ok() {
        return ok(result);
    }

    public <B> ResponseEntity<B> ok(B body) {
        return ResponseEntity.ok().header(POSITION_HEADER, Long.toString(position)).body(body);
    }

    public <B> ResponseEntity<B> created(URI location, B body) {
        return ResponseEntity.status(HttpStatus.CREATED).location(location)
                .header(POSITION_HEADER, Long.toString(position)).body(body);
    }

    public ResponseEntity<Void> noContent() {
        return ResponseEntity.noContent().header(POSITION_HEADER, Long.toString(position)).build();
    }
}
