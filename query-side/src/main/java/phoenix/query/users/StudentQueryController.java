package phoenix.query.users;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.platform.security.AllowedRoles;
import phoenix.query.access.MyGroups;
import phoenix.query.access.Viewer;
import phoenix.query.paging.Page;
import phoenix.query.paging.PageRequest;
import phoenix.query.position.ReadsProjection;

import java.util.UUID;

import static phoenix.api.Role.ADMIN;
import static phoenix.api.Role.STAFF;

@RestController
@RequestMapping("/api/students")
@AllowedRoles({ADMIN, STAFF})
@ReadsProjection({"users", "education", "schedule", "active"})
@Tag(name = "Students")
class StudentQueryController {

    private final Students students;
    private final MyGroups myGroups;

    StudentQueryController(Students students, MyGroups myGroups) {
        this.students = students;
        this.myGroups = myGroups;
    }

    /** Sorted by last and first name; {@code name} matches a part of either, {@code schoolClass} exactly. */
    @GetMapping
    Page<Students.StudentView> students(@RequestParam(required = false) String name,
                                        @RequestParam(required = false) String schoolClass,
                                        @RequestParam(required = false) UUID groupId,
                                        @RequestParam(required = false) Integer page,
                                        @RequestParam(required = false) Integer size,
                                        Authentication caller) {
        return students.page(new Students.Filter(name, schoolClass, groupId), new PageRequest(page, size),
                Viewer.of(caller, myGroups));
    }

    @GetMapping("/{id}")
    Students.StudentView student(@PathVariable UUID id, Authentication caller) {
        return students.one(id, Viewer.of(caller, myGroups))
                .orElseThrow(() -> new PhoenixException(ErrorCode.STUDENT_NOT_FOUND, "There is no such student."));
    }
}
