package phoenix.query.users;

import org.springframework.security.core.Authentication;
import phoenix.api.Role;
import phoenix.platform.security.Roles;

/** What the caller may see of people: admins all of it, others no birthdays and no tags. */
record Viewer(boolean admin) {

    static Viewer of(Authentication caller) {
        return new Viewer(caller.getAuthorities().stream()
                .anyMatch(granted -> granted.getAuthority().equals(Roles.authority(Role.ADMIN))));
    }

    <T> T personal(T value) {
        return admin ? value : null;
    }
}
