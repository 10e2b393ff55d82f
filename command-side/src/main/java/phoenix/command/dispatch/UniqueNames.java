package phoenix.command.dispatch;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Names that at most one aggregate of a kind may carry (rooms, groups), which no single aggregate can see. A
 * command-side lookup table {@code (name_key PRIMARY KEY, <owner> UNIQUE)}, written in the command's transaction:
 * the aggregate checks here first for a clear answer; the key settles the race of two requests that both passed
 * the check: the second insert waits for the first transaction and then fails, rolling back its own events.
 */
public class UniqueNames {

    private final JdbcClient jdbc;
    private final String table;
    private final String ownerColumn;
    private final ErrorCode taken;
    private final String takenMessage;

    public UniqueNames(JdbcClient jdbc, String table, String ownerColumn, ErrorCode taken, String takenMessage) {
        this.jdbc = jdbc;
        this.table = table;
        this.ownerColumn = ownerColumn;
        this.taken = taken;
        this.takenMessage = takenMessage;
    }

    public void requireFree(String name, UUID owner) {
        Optional<UUID> holder = jdbc.sql("SELECT " + ownerColumn + " FROM " + table + " WHERE name_key = ?")
                .param(key(name)).query(UUID.class).optional();
        if (holder.isPresent() && !holder.get().equals(owner)) {
            throw new PhoenixException(taken, takenMessage);
        }
    }

    public void claim(UUID owner, String name) {
        try {
            jdbc.sql("INSERT INTO " + table + " (name_key, " + ownerColumn + ") VALUES (?, ?) "
                            + "ON CONFLICT (" + ownerColumn + ") DO UPDATE SET name_key = excluded.name_key")
                    .param(key(name)).param(owner).update();
        } catch (DuplicateKeyException e) {
            throw new PhoenixException(taken, takenMessage);
        }
    }

    public void release(UUID owner) {
        jdbc.sql("DELETE FROM " + table + " WHERE " + ownerColumn + " = ?").param(owner).update();
    }

    /** "Turnhalle", " turnhalle " and "TURNHALLE" are the same name. */
    public static String key(String name) {
        return name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
