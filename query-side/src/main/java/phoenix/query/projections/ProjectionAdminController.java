package phoenix.query.projections;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import phoenix.platform.security.AllowedRoles;

import java.util.List;
import java.util.Map;

import static phoenix.api.Role.ADMIN;

/** The projections' state for an admin, and their rebuild from the event store while they serve. */
@RestController
@RequestMapping("/api/admin/projections")
@AllowedRoles(ADMIN)
@Tag(name = "Administration")
class ProjectionAdminController {

    /**
     * @param state      {@code running}, {@code rebuilding}, {@code error} (a segment fails and is retried) or
     *                   {@code stopped}
     * @param lagSeconds how long the oldest event it has not handled has been waiting
     * @param rebuild    the running rebuild, or the last one since this node started; null if none
     */
    record ProjectionView(String name, String state, boolean rebuildable, long position, long head, long lagEvents,
                          double lagSeconds, long deadLetters, Rebuild.Status rebuild) {
    }

    private final EventProcessingConfiguration processing;
    private final ProjectionLag lag;
    private final DeadLetters deadLetters;
    private final ProjectionRebuilds rebuilds;

    ProjectionAdminController(EventProcessingConfiguration processing, ProjectionLag lag, DeadLetters deadLetters,
                              ProjectionRebuilds rebuilds) {
        this.processing = processing;
        this.lag = lag;
        this.deadLetters = deadLetters;
        this.rebuilds = rebuilds;
    }

    /** Every projection of the query side, by name. */
    @GetMapping
    List<ProjectionView> projections() {
        Map<String, Long> letters = deadLetters.countPerProcessor();
        return lag.current().entrySet().stream()
                .map(entry -> view(entry.getKey(), entry.getValue(), letters.getOrDefault(entry.getKey(), 0L)))
                .toList();
    }

    /**
     * Starts a rebuild (202): the projection's queries answer from its current rows until the rebuilt ones replace
     * them in one step. 404 for an unknown projection, 409 for the audit log and while a rebuild runs.
     */
    @PostMapping("/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProjectionView rebuild(@PathVariable String name) {
        rebuilds.start(name);
        return view(name, lag.of(name), deadLetters.countPerProcessor().getOrDefault(name, 0L));
    }

    private ProjectionView view(String name, ProjectionLag.Lag current, long letters) {
        return new ProjectionView(name, state(name), rebuilds.rebuildable(name), current.position(), current.head(),
                current.events(), current.behind().toMillis() / 1000.0, letters, rebuilds.status(name).orElse(null));
    }

    private String state(String name) {
        if (rebuilds.rebuilding(name)) {
            return "rebuilding";
        }
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .map(processor -> processor.isError() ? "error" : processor.isRunning() ? "running" : "stopped")
                .orElse("stopped");
    }
}
