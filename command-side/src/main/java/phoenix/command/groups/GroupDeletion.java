package phoenix.command.groups;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.groups.DeleteGroup;
import phoenix.api.groups.StudentRemovedFromGroup;
import phoenix.api.time.SchoolCalendar;
import phoenix.command.dispatch.Aggregates;
import phoenix.command.people.Student;

import java.time.Clock;
import java.util.UUID;

/**
 * Deleting a group touches the group (its substitutions end) and each of its children (they become group-less):
 * all in one unit of work, so it happens entirely or not at all.
 */
@Component
class GroupDeletion {

    private final Repository<OgsGroup> groups;
    private final Repository<Student> students;
    private final GroupNames names;
    private final GroupMembers members;
    private final Clock clock;

    GroupDeletion(Repository<OgsGroup> groups, Repository<Student> students, GroupNames names, GroupMembers members,
                  Clock clock) {
        this.groups = groups;
        this.students = students;
        this.names = names;
        this.members = members;
        this.clock = clock;
    }

    @CommandHandler
    void handle(DeleteGroup command) {
        UUID groupId = command.groupId();
        Aggregate<OgsGroup> group = Aggregates.load(groups, groupId, ErrorCode.GROUP_NOT_FOUND);
        // from here until commit, no child can be put into the group
        names.lockForDeletion(groupId);
        group.execute(it -> it.delete(SchoolCalendar.today(clock)));
        for (UUID studentId : members.of(groupId)) {
            students.load(studentId.toString())
                    .execute(student -> student.leaveGroup(groupId, StudentRemovedFromGroup.Reason.GROUP_DELETED));
        }
    }

}
