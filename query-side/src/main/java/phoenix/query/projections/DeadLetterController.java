package phoenix.query.projections;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import phoenix.platform.security.AllowedRoles;
import phoenix.query.paging.Page;
import phoenix.query.paging.PageRequest;

import static phoenix.api.Role.ADMIN;

/** Events a projection failed to handle: listed, tried again now, or given up for good. */
@RestController
@RequestMapping("/api/admin/dead-letters")
@AllowedRoles(ADMIN)
@Tag(name = "Administration")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Oldest first; {@code processor} narrows the list to one projection. */
    @GetMapping
    Page<DeadLetters.Letter> deadLetters(@RequestParam(required = false) String processor,
                                         @RequestParam(required = false) Integer page,
                                         @RequestParam(required = false) Integer size) {
        return deadLetters.list(processor, new PageRequest(page, size));
    }

    @GetMapping("/{id}")
    DeadLetters.Letter deadLetter(@PathVariable String id) {
        return deadLetters.get(id);
    }

    /**
     * Tries the letter's sequence again now (its aggregate's letters in order, from the first): {@code healed} when
     * all went through; otherwise the letter with one more retry and its new cause.
     */
    @PostMapping("/{id}/retry")
    DeadLetters.Retried retry(@PathVariable String id) {
        return deadLetters.retry(id);
    }

    /** Gives the letter up: its event stays unprojected. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        deadLetters.evict(id);
    }
}
