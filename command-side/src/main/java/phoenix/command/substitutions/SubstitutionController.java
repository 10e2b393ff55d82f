package phoenix.command.substitutions;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.substitutions.ChangeSubstitution;
import phoenix.api.substitutions.HandOverGroupForToday;
import phoenix.api.substitutions.PlanSubstitution;
import phoenix.api.substitutions.RevokeHandOver;
import phoenix.api.substitutions.WithdrawSubstitution;
import phoenix.command.dispatch.Commands;
import phoenix.platform.security.AllowedRoles;
import phoenix.platform.security.StaffClaim;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import static phoenix.api.Role.ADMIN;
import static phoenix.api.Role.STAFF;

/** Substitutions planned by admins, and same-day transfers by a group's leader. Dates are Berlin dates. */
@RestController
@Tag(name = "Substitutions")
class SubstitutionController {

    private final Commands commands;
    private final SubstitutionGroups groups;

    SubstitutionController(Commands commands, SubstitutionGroups groups) {
        this.commands = commands;
        this.groups = groups;
    }

    /** {@code startDate} and {@code endDate} inclusive ({@code YYYY-MM-DD}); {@code reason} is optional free text. */
    record SubstitutionRequest(@NotNull UUID groupId, UUID regularStaffId, @NotNull UUID substituteStaffId,
                               @NotNull LocalDate startDate, @NotNull LocalDate endDate,
                               @Size(max = 500) String reason) {
    }

    record SubstitutionChange(@NotNull UUID substituteStaffId, @NotNull LocalDate startDate,
                              @NotNull LocalDate endDate, @Size(max = 500) String reason) {
    }

    record TransferRequest(@NotNull UUID targetStaffId) {
    }

    record Created(UUID id) {
    }

    @PostMapping("/api/substitutions")
    @AllowedRoles(ADMIN)
    ResponseEntity<Created> plan(@Valid @RequestBody SubstitutionRequest request) {
        UUID id = UUID.randomUUID();
        return commands.send(new PlanSubstitution(request.groupId(), id, request.regularStaffId(),
                        request.substituteStaffId(), request.startDate(), request.endDate(), request.reason()),
                        ErrorCode.GROUP_NOT_FOUND)
                .created(URI.create("/api/substitutions/" + id), new Created(id));
    }

    @PutMapping("/api/substitutions/{id}")
    @AllowedRoles(ADMIN)
    ResponseEntity<Void> change(@PathVariable UUID id, @Valid @RequestBody SubstitutionChange request) {
        return commands.send(new ChangeSubstitution(groups.groupOf(id), id, request.substituteStaffId(),
                request.startDate(), request.endDate(), request.reason())).noContent();
    }

    /** Cancels a substitution that has not started; ends a running one now. */
    @DeleteMapping("/api/substitutions/{id}")
    @AllowedRoles(ADMIN)
    ResponseEntity<Void> withdraw(@PathVariable UUID id) {
        return commands.send(new WithdrawSubstitution(groups.groupOf(id), id)).noContent();
    }

    /** A leader of the group hands it over to a colleague until the end of today. */
    @PostMapping("/api/groups/{groupId}/transfers")
    @AllowedRoles({ADMIN, STAFF})
    ResponseEntity<Created> handOver(@PathVariable UUID groupId, @Valid @RequestBody TransferRequest request,
                                     Authentication caller) {
        UUID id = UUID.randomUUID();
        return commands.send(new HandOverGroupForToday(groupId, id, leader(caller), request.targetStaffId()),
                        ErrorCode.GROUP_NOT_FOUND)
                .created(URI.create("/api/substitutions/" + id), new Created(id));
    }

    @DeleteMapping("/api/groups/{groupId}/transfers/{substitutionId}")
    @AllowedRoles({ADMIN, STAFF})
    ResponseEntity<Void> revoke(@PathVariable UUID groupId, @PathVariable UUID substitutionId,
                                Authentication caller) {
        if (!groups.groupOf(substitutionId).equals(groupId)) {
            throw new PhoenixException(ErrorCode.SUBSTITUTION_NOT_FOUND, "There is no such transfer in this group.");
        }
        return commands.send(new RevokeHandOver(groupId, substitutionId, leader(caller)), ErrorCode.GROUP_NOT_FOUND)
                .noContent();
    }

    private static UUID leader(Authentication caller) {
        return StaffClaim.of(caller).orElseThrow(() -> new PhoenixException(ErrorCode.FORBIDDEN,
                "Only a leader of the group may do this, and your account belongs to no staff member."));
    }
}
