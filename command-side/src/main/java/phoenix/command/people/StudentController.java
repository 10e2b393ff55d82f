package phoenix.command.people;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.ErrorCode;
import phoenix.api.people.ChangeStudentDetails;
import phoenix.api.people.MarkStudentSick;
import phoenix.api.people.MarkStudentWell;
import phoenix.api.people.RegisterStudent;
import phoenix.command.dispatch.Commands;
import phoenix.platform.security.AllowedRoles;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import static phoenix.api.Role.ADMIN;
import static phoenix.api.Role.STAFF;

@RestController
@RequestMapping("/api/students")
@Tag(name = "Students")
class StudentController {

    private final Commands commands;

    StudentController(Commands commands) {
        this.commands = commands;
    }

    record StudentRequest(@NotNull @Size(max = 100) String firstName,
                          @NotNull @Size(max = 100) String lastName,
                          @Size(max = 20) String schoolClass,
                          @PastOrPresent LocalDate birthday) {
    }

    record Sickness(@NotNull Boolean sick) {
    }

    record StudentCreated(UUID id) {
    }

    @PostMapping
    @AllowedRoles(ADMIN)
    ResponseEntity<StudentCreated> register(@Valid @RequestBody StudentRequest request) {
        UUID id = UUID.randomUUID();
        return commands.send(new RegisterStudent(id, request.firstName(), request.lastName(), request.schoolClass(),
                        request.birthday()))
                .created(URI.create("/api/students/" + id), new StudentCreated(id));
    }

    @PutMapping("/{id}")
    @AllowedRoles(ADMIN)
    ResponseEntity<Void> change(@PathVariable UUID id, @Valid @RequestBody StudentRequest request) {
        return commands.send(new ChangeStudentDetails(id, request.firstName(), request.lastName(),
                request.schoolClass(), request.birthday()), ErrorCode.STUDENT_NOT_FOUND).noContent();
    }

    /** Staff take the calls from parents in the morning, so they may report a child sick (and well again). */
    @PutMapping("/{id}/sickness")
    @AllowedRoles({ADMIN, STAFF})
    ResponseEntity<Void> sickness(@PathVariable UUID id, @Valid @RequestBody Sickness request) {
        Object command = request.sick() ? new MarkStudentSick(id) : new MarkStudentWell(id);
        return commands.send(command, ErrorCode.STUDENT_NOT_FOUND).noContent();
    }
}
