package phoenix.query.users;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.groups.StudentAssignedToGroup;
import phoenix.api.groups.StudentRemovedFromGroup;
import phoenix.api.people.StaffDetailsChanged;
import phoenix.api.people.StaffRegistered;
import phoenix.api.people.StudentDetailsChanged;
import phoenix.api.people.StudentMarkedSick;
import phoenix.api.people.StudentMarkedWell;
import phoenix.api.people.StudentRegistered;
import phoenix.api.tags.TagAssigned;
import phoenix.api.tags.TagRemoved;
import phoenix.query.projections.Projector;
import phoenix.query.projections.ReadTables;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** The only writer of the users schema's read tables: persons, staff, teachers, students, person_tags. */
@Component
@ProcessingGroup(UsersProjector.PROJECTION)
class UsersProjector implements Projector {

    static final String PROJECTION = "users";
    /** The tables it alone writes, parents first. */
    static final ReadTables TABLES = ReadTables.of("users.persons", "users.staff", "users.teachers", "users.students",
            "users.person_tags");

    private final JdbcClient jdbc;

    UsersProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(StudentRegistered event, @Timestamp Instant at) {
        person(event.studentId(), "STUDENT", event.firstName(), event.lastName(), at);
        student(event.studentId(), event.schoolClass(), event.birthday());
    }

    @EventHandler
    void on(StudentDetailsChanged event, @Timestamp Instant at) {
        person(event.studentId(), "STUDENT", event.firstName(), event.lastName(), at);
        student(event.studentId(), event.schoolClass(), event.birthday());
    }

    @EventHandler
    void on(StudentMarkedSick event, @Timestamp Instant at) {
        jdbc.sql("UPDATE users.students SET sick = TRUE, sick_since = ? WHERE person_id = ?")
                .param(at.atOffset(ZoneOffset.UTC)).param(event.studentId()).update();
    }

    @EventHandler
    void on(StudentMarkedWell event) {
        jdbc.sql("UPDATE users.students SET sick = FALSE, sick_since = NULL WHERE person_id = ?")
                .param(event.studentId()).update();
    }

    @EventHandler
    void on(StaffRegistered event, @Timestamp Instant at) {
        person(event.staffId(), "STAFF", event.firstName(), event.lastName(), at);
        staff(event.staffId(), event.email(), event.position(), event.teacher());
    }

    @EventHandler
    void on(StaffDetailsChanged event, @Timestamp Instant at) {
        person(event.staffId(), "STAFF", event.firstName(), event.lastName(), at);
        staff(event.staffId(), event.email(), event.position(), event.teacher());
    }

    @EventHandler
    void on(StudentAssignedToGroup event) {
        jdbc.sql("UPDATE users.students SET group_id = ? WHERE person_id = ?")
                .param(event.groupId()).param(event.studentId()).update();
    }

    @EventHandler
    void on(StudentRemovedFromGroup event) {
        jdbc.sql("UPDATE users.students SET group_id = NULL WHERE person_id = ? AND group_id = ?")
                .param(event.studentId()).param(event.groupId()).update();
    }

    /**
     * A tag move writes two people's streams, which segments may project in either order: the newer event (by
     * global position) wins, whichever arrives first.
     */
    @EventHandler
    void on(TagAssigned event, TrackingToken token) {
        tag(event.tag(), event.personId(), position(token));
    }

    @EventHandler
    void on(TagRemoved event, TrackingToken token) {
        tag(event.tag(), null, position(token));
    }

    @Override
    public ReadTables tables() {
        return TABLES;
    }

    @ResetHandler
    void reset() {
        TABLES.deleteAll(jdbc);
    }

    private void person(UUID id, String kind, String firstName, String lastName, Instant at) {
        jdbc.sql("""
                        INSERT INTO users.persons (id, kind, first_name, last_name, registered_at, updated_at)
                        VALUES (:id, :kind, :first, :last, :at, :at)
                        ON CONFLICT (id) DO UPDATE SET first_name = :first, last_name = :last, updated_at = :at
                        """)
                .param("id", id).param("kind", kind).param("first", firstName).param("last", lastName)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    private void student(UUID id, String schoolClass, java.time.LocalDate birthday) {
        jdbc.sql("""
                        INSERT INTO users.students (person_id, school_class, birthday) VALUES (:id, :class, :birthday)
                        ON CONFLICT (person_id) DO UPDATE SET school_class = :class, birthday = :birthday
                        """)
                .param("id", id).param("class", schoolClass).param("birthday", birthday)
                .update();
    }

    private void staff(UUID id, String email, String position, boolean teacher) {
        jdbc.sql("""
                        INSERT INTO users.staff (person_id, email, position) VALUES (:id, :email, :position)
                        ON CONFLICT (person_id) DO UPDATE SET email = :email, position = :position
                        """)
                .param("id", id).param("email", email).param("position", position)
                .update();
        if (teacher) {
            jdbc.sql("INSERT INTO users.teachers (staff_id) VALUES (?) ON CONFLICT DO NOTHING").param(id).update();
        } else {
            jdbc.sql("DELETE FROM users.teachers WHERE staff_id = ?").param(id).update();
        }
    }

    private void tag(String tag, UUID holder, long position) {
        jdbc.sql("""
                        INSERT INTO users.person_tags AS t (tag, person_id, position) VALUES (:tag, :holder, :position)
                        ON CONFLICT (tag) DO UPDATE SET person_id = excluded.person_id, position = excluded.position
                        WHERE t.position < excluded.position
                        """)
                .param("tag", tag).param("holder", holder).param("position", position)
                .update();
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("Events here come from the store"));
    }
}
