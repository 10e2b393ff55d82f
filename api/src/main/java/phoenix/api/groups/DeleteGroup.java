package phoenix.api.groups;

import java.util.UUID;

/** Its children become group-less and its substitutions end; handled across the group and its children. */
public record DeleteGroup(UUID groupId) {
}
