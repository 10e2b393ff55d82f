package phoenix.command.people;

import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.command.dispatch.Aggregates;
import phoenix.command.dispatch.KnownAggregates;

import java.util.Collection;
import java.util.UUID;

/**
 * Rules of other aggregates that refer to staff ("a substitute is staff", "group leaders are teachers"): whether a
 * staff member exists from the event store's index, whether one is a teacher from the Staff aggregate itself, loaded
 * in the caller's unit of work.
 */
@Component
public class StaffDirectory {

    private final Repository<Staff> staff;
    private final KnownAggregates known;

    StaffDirectory(Repository<Staff> staff, KnownAggregates known) {
        this.staff = staff;
        this.known = known;
    }

    /** @throws PhoenixException STAFF_NOT_FOUND for unknown ids */
    public void requireStaff(UUID staffId) {
        if (!known.exists(Staff.class, staffId)) {
            throw Aggregates.notFound(ErrorCode.STAFF_NOT_FOUND);
        }
    }

    /** @throws PhoenixException STAFF_NOT_FOUND for unknown ids, NOT_A_TEACHER for staff without the flag */
    public void requireTeachers(Collection<UUID> staffIds) {
        for (UUID staffId : staffIds) {
            if (!load(staffId).invoke(Staff::isTeacher)) {
                throw new PhoenixException(ErrorCode.NOT_A_TEACHER, "Only teachers can lead a group.");
            }
        }
    }

    private Aggregate<Staff> load(UUID staffId) {
        return Aggregates.load(staff, staffId, ErrorCode.STAFF_NOT_FOUND);
    }
}
