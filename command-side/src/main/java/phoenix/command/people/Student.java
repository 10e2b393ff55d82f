package phoenix.command.people;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import phoenix.api.groups.AssignStudentToGroup;
import phoenix.api.groups.RemoveStudentFromGroup;
import phoenix.api.groups.StudentAssignedToGroup;
import phoenix.api.groups.StudentRemovedFromGroup;
import phoenix.api.people.ChangeStudentDetails;
import phoenix.api.people.MarkStudentSick;
import phoenix.api.people.MarkStudentWell;
import phoenix.api.people.PersonKind;
import phoenix.api.people.RegisterStudent;
import phoenix.api.people.StudentDetailsChanged;
import phoenix.api.people.StudentMarkedSick;
import phoenix.api.people.StudentMarkedWell;
import phoenix.api.people.StudentRegistered;
import phoenix.command.groups.GroupNames;
import phoenix.command.tags.TagHolder;

import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A child of the OGS. */
@Aggregate
public class Student extends TagHolder {

    @AggregateIdentifier
    private UUID studentId;
    private StudentDetailsChanged details;
    private boolean sick;
    private UUID groupId;

    protected Student() {
        // for Axon
    }

    @CommandHandler
    Student(RegisterStudent command) {
        PersonNames.require(command.firstName(), command.lastName());
        apply(new StudentRegistered(command.studentId(), command.firstName().trim(), command.lastName().trim(),
                PersonNames.trimToNull(command.schoolClass()), command.birthday()));
    }

    @CommandHandler
    void handle(ChangeStudentDetails command) {
        PersonNames.require(command.firstName(), command.lastName());
        StudentDetailsChanged changed = new StudentDetailsChanged(studentId, command.firstName().trim(),
                command.lastName().trim(), PersonNames.trimToNull(command.schoolClass()), command.birthday());
        if (!changed.equals(details)) {
            apply(changed);
        }
    }

    @CommandHandler
    void handle(MarkStudentSick command) {
        if (!sick) {
            apply(new StudentMarkedSick(studentId));
        }
    }

    @CommandHandler
    void handle(MarkStudentWell command) {
        if (sick) {
            apply(new StudentMarkedWell(studentId));
        }
    }

    /** Checking in ends a sick report: the child is evidently here. */
    public void checkedIn() {
        if (sick) {
            apply(new StudentMarkedWell(studentId));
        }
    }

    public String firstName() {
        return details.firstName();
    }

    public String fullName() {
        return details.firstName() + " " + details.lastName();
    }

    public UUID groupId() {
        return groupId;
    }

    /** A child is in at most one group: joining another leaves the old one (the event names it). */
    @CommandHandler
    void handle(AssignStudentToGroup command, GroupNames groups) {
        if (command.groupId().equals(groupId)) {
            return;
        }
        groups.requireExisting(command.groupId());
        apply(new StudentAssignedToGroup(studentId, command.groupId(), groupId));
    }

    @CommandHandler
    void handle(RemoveStudentFromGroup command) {
        if (groupId != null) {
            apply(new StudentRemovedFromGroup(studentId, groupId, StudentRemovedFromGroup.Reason.REMOVED));
        }
    }

    /** Called when the group goes away; a child that moved on meanwhile stays where it is. */
    public void leaveGroup(UUID group, StudentRemovedFromGroup.Reason reason) {
        if (group.equals(groupId)) {
            apply(new StudentRemovedFromGroup(studentId, group, reason));
        }
    }

    @EventSourcingHandler
    void on(StudentAssignedToGroup event) {
        groupId = event.groupId();
    }

    @EventSourcingHandler
    void on(StudentRemovedFromGroup event) {
        groupId = null;
    }

    @EventSourcingHandler
    void on(StudentRegistered event) {
        studentId = event.studentId();
        details = new StudentDetailsChanged(event.studentId(), event.firstName(), event.lastName(),
                event.schoolClass(), event.birthday());
    }

    @EventSourcingHandler
    void on(StudentDetailsChanged event) {
        details = event;
    }

    @EventSourcingHandler
    void on(StudentMarkedSick event) {
        sick = true;
    }

    @EventSourcingHandler
    void on(StudentMarkedWell event) {
        sick = false;
    }

    @Override
    protected UUID personId() {
        return studentId;
    }

    @Override
    protected PersonKind kind() {
        return PersonKind.STUDENT;
    }
}
