package phoenix.command.tags;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.people.PersonKind;
import phoenix.api.tags.TagAssigned;
import phoenix.api.tags.TagRemoved;

import java.util.Optional;
import java.util.UUID;

/**
 * Who holds which tag, kept in the same transaction as the tag events: the key on the tag means one holder per
 * tag, the key on the person one tag per person, also when two assignments race. Taps resolve tags here.
 */
@Component
@ProcessingGroup("tag-holders")
public class TagHolders {

    public record Holder(UUID personId, PersonKind kind) {
    }

    private final JdbcClient jdbc;

    TagHolders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Holder> holderOf(String tag) {
        return jdbc.sql("SELECT person_id, person_kind FROM users.tag_holders WHERE tag = ?")
                .param(tag)
                .query((rs, row) -> new Holder(rs.getObject(1, UUID.class), PersonKind.valueOf(rs.getString(2))))
                .optional();
    }

    @EventHandler
    void on(TagAssigned event) {
        try {
            jdbc.sql("INSERT INTO users.tag_holders (tag, person_id, person_kind) VALUES (?, ?, ?)")
                    .param(event.tag()).param(event.personId()).param(event.personKind().name())
                    .update();
        } catch (DuplicateKeyException e) {
            // another assignment of this tag (or to this person) committed first: retried on fresh data
            throw new ConcurrencyException("Tag assigned concurrently", e);
        }
    }

    @EventHandler
    void on(TagRemoved event) {
        jdbc.sql("DELETE FROM users.tag_holders WHERE tag = ? AND person_id = ?")
                .param(event.tag()).param(event.personId())
                .update();
    }
}
