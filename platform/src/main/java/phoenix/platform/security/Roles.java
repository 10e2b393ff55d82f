package phoenix.platform.security;

import phoenix.api.Role;

import java.util.Collection;
import java.util.List;

/** How roles appear in tokens ({@code roles} claim) and as Spring Security authorities ({@code ROLE_X}). */
public final class Roles {

    public static final String CLAIM = "roles";
    public static final String PREFIX = "ROLE_";

    private Roles() {
    }

    public static String authority(Role role) {
        return PREFIX + role.name();
    }

    public static List<String> names(Collection<Role> roles) {
        return roles.stream().map(Role::name).sorted().toList();
    }
}
