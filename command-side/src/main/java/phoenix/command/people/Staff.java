package phoenix.command.people;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import phoenix.api.people.ChangeStaffDetails;
import phoenix.api.people.PersonKind;
import phoenix.api.people.RegisterStaff;
import phoenix.api.people.StaffDetailsChanged;
import phoenix.api.people.StaffRegistered;
import phoenix.command.tags.TagHolder;

import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A member of staff: educators, teachers (who may lead an OGS group), the office. */
@Aggregate
public class Staff extends TagHolder {

    @AggregateIdentifier
    private UUID staffId;
    private StaffDetailsChanged details;

    protected Staff() {
        // for Axon
    }

    @CommandHandler
    Staff(RegisterStaff command) {
        PersonNames.require(command.firstName(), command.lastName());
        apply(new StaffRegistered(command.staffId(), command.firstName().trim(), command.lastName().trim(),
                PersonNames.trimToNull(command.email()), PersonNames.trimToNull(command.position()),
                command.teacher()));
    }

    @CommandHandler
    void handle(ChangeStaffDetails command) {
        PersonNames.require(command.firstName(), command.lastName());
        StaffDetailsChanged changed = new StaffDetailsChanged(staffId, command.firstName().trim(),
                command.lastName().trim(), PersonNames.trimToNull(command.email()),
                PersonNames.trimToNull(command.position()), command.teacher());
        if (!changed.equals(details)) {
            apply(changed);
        }
    }

    @EventSourcingHandler
    void on(StaffRegistered event) {
        staffId = event.staffId();
        details = new StaffDetailsChanged(event.staffId(), event.firstName(), event.lastName(), event.email(),
                event.position(), event.teacher());
    }

    @EventSourcingHandler
    void on(StaffDetailsChanged event) {
        details = event;
    }

    public String firstName() {
        return details.firstName();
    }

    public boolean isTeacher() {
        return details.teacher();
    }

    @Override
    protected UUID personId() {
        return staffId;
    }

    @Override
    protected PersonKind kind() {
        return PersonKind.STAFF;
    }
}
