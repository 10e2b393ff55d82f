package phoenix.query.live;

import org.springframework.security.core.Authentication;
import phoenix.platform.security.StaffClaim;
import phoenix.query.access.MyGroups;
import phoenix.query.access.Viewer;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Who watches a stream, and which events they may see: admins all; everyone the sessions starting and ending; staff
 * the check-ins, check-outs and transfers of the children of their groups ({@link MyGroups}, read again at most
 * once a minute, so that today's substitutions count); a staff account without a staff member no child at all.
 */
final class LiveViewer {

    static final Duration GROUPS_REFRESH = Duration.ofSeconds(60);

    private final boolean admin;
    private final UUID staffId;
    private final Function<UUID, Set<UUID>> myGroups;
    private Set<UUID> groups = Set.of();
    private long groupsReadAt;
    private boolean groupsRead;

    /** @param myGroups a staff member's groups, as {@link MyGroups#of} tells them */
    LiveViewer(boolean admin, UUID staffId, Function<UUID, Set<UUID>> myGroups) {
        this.admin = admin;
        this.staffId = staffId;
        this.myGroups = myGroups;
    }

    static LiveViewer of(Authentication caller, Function<UUID, Set<UUID>> myGroups) {
        return new LiveViewer(Viewer.isAdmin(caller), StaffClaim.of(caller).orElse(null), myGroups);
    }

    synchronized boolean sees(LiveEvent event) {
        if (admin || !event.aboutAChild()) {
            return true;
        }
        if (staffId == null || event.groupId() == null) {
            return false;
        }
        long now = System.nanoTime();
        if (!groupsRead || now - groupsReadAt >= GROUPS_REFRESH.toNanos()) {
            groups = myGroups.apply(staffId);
            groupsReadAt = now;
            groupsRead = true;
        }
        return groups.contains(event.groupId());
    }
}
