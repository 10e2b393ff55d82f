package phoenix.command.tags;

import org.axonframework.eventsourcing.EventSourcingHandler;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.people.PersonKind;
import phoenix.api.tags.TagAssigned;
import phoenix.api.tags.TagRemoved;

import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What students and staff share: each holds at most one RFID tag. A tag's history is part of its holder's event
 * stream, so every tag event has exactly one data subject. That a tag has at most one holder is guarded across
 * people by {@link TagHolders}.
 */
public abstract class TagHolder {

    private String tag;

    protected abstract UUID personId();


    protected abstract PersonKind kind();

    public boolean holds(String tag) {
        return tag.equals(this.tag);
    }

    /** Gives this person the tag, releasing the one they held before. */
    public void receiveTag(String newTag, UUID previousHolderId) {
        if (newTag.equals(tag)) {
            return;
        }
        if (tag != null) {
            apply(new TagRemoved(personId(), kind(), tag, TagRemoved.Reason.REPLACED));
        }
        apply(new TagAssigned(personId(), kind(), newTag, previousHolderId));
    }

    /**
     * Takes the tag away. {@code which} null means whichever tag the person holds.
     *
     * @throws PhoenixException TAG_NOT_ASSIGNED when the person holds no tag, or another one
     */
    public void giveUpTag(String which, TagRemoved.Reason reason) {
        if (tag == null || (which != null && !which.equals(tag))) {
            throw new PhoenixException(ErrorCode.TAG_NOT_ASSIGNED, "This person does not hold this tag.");
        }
        apply(new TagRemoved(personId(), kind(), tag, reason));
    }

    @EventSourcingHandler
    void on(TagAssigned event) {
        tag = event.tag();
    }

    @EventSourcingHandler
    void on(TagRemoved event) {
        if (event.tag().equals(tag)) {
            tag = null;
        }
    }
}
