package phoenix.command.substitutions;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.substitutions.GroupHandedOverForToday;
import phoenix.api.substitutions.SubstitutionPlanned;

import java.util.UUID;

/** Substitutions live inside their group: which group a substitution id belongs to (schedule.substitution_groups). */
@Component
@ProcessingGroup("substitution-groups")
class SubstitutionGroups {

    private final JdbcClient jdbc;

    SubstitutionGroups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID groupOf(UUID substitutionId) {
        return jdbc.sql("SELECT group_id FROM schedule.substitution_groups WHERE substitution_id = ?")
                .param(substitutionId).query(UUID.class).optional()
                .orElseThrow(() -> new PhoenixException(ErrorCode.SUBSTITUTION_NOT_FOUND, "There is no such substitution."));
    }

    @EventHandler
    void on(SubstitutionPlanned event) {
        remember(event.substitutionId(), event.groupId());
    }

    @EventHandler
    void on(GroupHandedOverForToday event) {
        remember(event.substitutionId(), event.groupId());
    }

    private void remember(UUID substitutionId, UUID groupId) {
        jdbc.sql("INSERT INTO schedule.substitution_groups (substitution_id, group_id) VALUES (?, ?)")
                .param(substitutionId).param(groupId).update();
    }
}
