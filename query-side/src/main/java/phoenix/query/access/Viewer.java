package phoenix.query.access;

import org.springframework.security.core.Authentication;
import phoenix.api.Role;
import phoenix.platform.security.Roles;
import phoenix.platform.security.StaffClaim;

import java.util.Set;
import java.util.UUID;

/**
 * What the caller may see of a child: admins everything; staff the full details of children in their groups
 * (see {@link MyGroups}) and of others only name and class. Tags are for admins only.
 */
public record Viewer(boolean admin, Set<UUID> groups) {

    public static Viewer of(Authentication caller, MyGroups myGroups) {
        boolean admin = isAdmin(caller);
        Set<UUID> groups = admin ? Set.of() : StaffClaim.of(caller).map(myGroups::of).orElse(Set.of());
        return new Viewer(admin, groups);
    }

    public static boolean isAdmin(Authentication caller) {
        return caller.getAuthorities().stream()
                .anyMatch(granted -> granted.getAuthority().equals(Roles.authority(Role.ADMIN)));
    }

    public boolean seesDetailsOfGroup(UUID groupId) {
        return admin || (groupId != null && groups.contains(groupId));
    }
}
