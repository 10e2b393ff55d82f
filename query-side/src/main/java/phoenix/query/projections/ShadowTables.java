package phoenix.query.projections;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The shadows of a projection's read tables while it is rebuilt, {@code rebuild.<schema>__<table>}: created like the
 * live tables (columns, defaults, checks, keys, indexes) with the foreign keys among them (their cascades are part of
 * what the projector relies on), and a {@link JdbcClient} that sends the projector's statements there instead.
 */
final class ShadowTables {

    static final String SCHEMA = "rebuild";

    private final ReadTables live;
    private final Map<Pattern, String> renames = new LinkedHashMap<>();
    private final Pattern undeclared;

    ShadowTables(ReadTables live) {
        this.live = live;
        for (String table : live.parentsFirst()) {
            renames.put(Pattern.compile("\\b" + Pattern.quote(table) + "\\b"), Matcher.quoteReplacement(shadowOf(table)));
        }
        String schemas = live.parentsFirst().stream().map(table -> Pattern.quote(table.substring(0, table.indexOf('.'))))
                .distinct().collect(Collectors.joining("|"));
        undeclared = Pattern.compile("\\b(?:" + schemas + ")\\.\\w+");
    }

    static String shadowOf(String table) {
        return SCHEMA + "." + table.replace(".", "__");
    }

    /**
     * The statement with every live table of the projection renamed to its shadow (whole names only:
     * {@code users.persons} but not {@code users.persons_name_idx}). A table of the same schemas that is left over
     * is one the projector writes without declaring it: refused, rather than written live during a rebuild.
     */
    String rewrite(String sql) {
        String rewritten = rename(sql);
        Matcher left = undeclared.matcher(rewritten);
        if (left.find()) {
            throw new IllegalStateException("The projector uses " + left.group() + ", which is not among its tables "
                    + live.parentsFirst() + ": declare it there");
        }
        return rewritten;
    }

    JdbcClient rewriting(JdbcClient jdbc) {
        return sql -> jdbc.sql(rewrite(sql));
    }

    /** Drops what a former rebuild left behind, then creates the shadows. Run it in a transaction. */
    void create(JdbcClient jdbc) {
        drop(jdbc);
        for (String table : live.parentsFirst()) {
            jdbc.sql("CREATE TABLE " + shadowOf(table) + " (LIKE " + table + " INCLUDING ALL)").update();
        }
        // LIKE copies no foreign keys; with only pg_catalog on the path every name in their definitions is qualified
        jdbc.sql("SET LOCAL search_path TO pg_catalog").update();
        List<ForeignKey> foreignKeys = jdbc.sql("""
                        SELECT format('%I.%I', n.nspname, c.relname) AS child, format('%I', k.conname) AS name,
                               pg_get_constraintdef(k.oid) AS definition
                          FROM pg_constraint k
                          JOIN pg_class c ON c.oid = k.conrelid
                          JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE k.contype = 'f' AND format('%I.%I', n.nspname, c.relname) = ANY (?)
                         ORDER BY 1, 2
                        """)
                .param(live.parentsFirst().toArray(String[]::new))
                .query((rs, row) -> new ForeignKey(rs.getString("child"), rs.getString("name"),
                        rs.getString("definition")))
                .list();
        for (ForeignKey key : foreignKeys) {
            jdbc.sql("ALTER TABLE " + shadowOf(key.child()) + " ADD CONSTRAINT " + key.name() + " "
                    + rename(key.definition())).update();
        }
    }

    void drop(JdbcClient jdbc) {
        for (String table : live.childrenFirst()) {
            jdbc.sql("DROP TABLE IF EXISTS " + shadowOf(table) + " CASCADE").update();
        }
    }

    /**
     * Readers go on (they take no lock that conflicts); every writer of the live tables, on this node or another,
     * waits until the transaction ends.
     */
    void lockLive(JdbcClient jdbc) {
        jdbc.sql("LOCK TABLE " + String.join(", ", live.parentsFirst()) + " IN SHARE ROW EXCLUSIVE MODE").update();
    }

    /**
     * Replaces the live rows by the shadow's within the caller's transaction: readers see the old rows until it
     * commits, then the new ones, never an empty table (TRUNCATE would not be safe for them).
     */
    void copyToLive(JdbcClient jdbc) {
        for (String table : live.childrenFirst()) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        for (String table : live.parentsFirst()) {
            jdbc.sql("INSERT INTO " + table + " SELECT * FROM " + shadowOf(table)).update();
        }
    }

    private String rename(String sql) {
        String renamed = sql;
        for (Map.Entry<Pattern, String> rename : renames.entrySet()) {
            renamed = rename.getKey().matcher(renamed).replaceAll(rename.getValue());
        }
        return renamed;
    }

    private record ForeignKey(String child, String name, String definition) {
    }
}
