package phoenix.command.tags;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.people.PersonKind;
import phoenix.api.tags.AssignTag;
import phoenix.api.tags.RemoveTag;
import phoenix.api.tags.RfidTag;
import phoenix.api.tags.TagRemoved;
import phoenix.command.dispatch.Aggregates;
import phoenix.command.people.Staff;
import phoenix.command.people.Student;

import java.util.Optional;
import java.util.UUID;

/**
 * Moving a tag touches up to two people: the one who gets it and the one who had it. Both are loaded in this one
 * unit of work, so their events commit together or not at all.
 */
@Component
class TagAssignment {

    /** What a tag assignment answers: whom the tag was taken from, if anyone. */
    record Assigned(UUID personId, String tag, UUID previousHolderId) {
    }

    private final Repository<Student> students;
    private final Repository<Staff> staff;
    private final TagHolders holders;

    TagAssignment(Repository<Student> students, Repository<Staff> staff, TagHolders holders) {
        this.students = students;
        this.staff = staff;
        this.holders = holders;
    }

    @CommandHandler
    Assigned handle(AssignTag command) {
        String tag = RfidTag.normalise(command.tag());
        Aggregate<? extends TagHolder> receiver = load(command.personKind(), command.personId());
        Optional<TagHolders.Holder> holder = holders.holderOf(tag);
        UUID previousHolderId = holder.map(TagHolders.Holder::personId)
                .filter(id -> !id.equals(command.personId()))
                .orElse(null);
        if (previousHolderId != null) {
            Aggregate<? extends TagHolder> previous = load(holder.get().kind(), previousHolderId);
            if (!previous.invoke(person -> person.holds(tag))) {
                // the lookup was read before a concurrent move committed: decide again on fresh data
                throw new ConcurrencyException("The tag moved while it was being assigned");
            }
            previous.execute(person -> person.giveUpTag(tag, TagRemoved.Reason.MOVED_TO_OTHER_PERSON));
        }
        receiver.execute(person -> person.receiveTag(tag, previousHolderId));
        return new Assigned(command.personId(), tag, previousHolderId);
    }

    @CommandHandler
    void handle(RemoveTag command) {
        String tag = command.tag() == null ? null : RfidTag.normalise(command.tag());
        load(command.personKind(), command.personId())
                .execute(person -> person.giveUpTag(tag, TagRemoved.Reason.REMOVED));
    }

    private Aggregate<? extends TagHolder> load(PersonKind kind, UUID personId) {
        return kind == PersonKind.STUDENT ? Aggregates.load(students, personId, ErrorCode.STUDENT_NOT_FOUND)
                : Aggregates.load(staff, personId, ErrorCode.STAFF_NOT_FOUND);
    }
}
