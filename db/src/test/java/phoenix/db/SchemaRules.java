package phoenix.db;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ADR-002 as checks: nothing lives in {@code public}, and every CREATE TABLE names its schema. */
public final class SchemaRules {

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "create\\s+(?:(?:global\\s+|local\\s+)?(?:temporary|temp|unlogged)\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?"
                    + "(\"[^\"]+\"|[\\w$]+)(\\s*\\.\\s*(?:\"[^\"]+\"|[\\w$]+))?",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);

    private SchemaRules() {
    }

    /** Tables, views, sequences, functions and types that live in the public schema. */
    public static List<String> objectsInPublic(DataSource dataSource) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT c.relkind::text AS kind, c.relname AS name
                       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                     UNION ALL
                     SELECT 'function', p.proname
                       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                      WHERE n.nspname = 'public'
                     UNION ALL
                     SELECT 'type', t.typname
                       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                      WHERE n.nspname = 'public' AND t.typtype IN ('c', 'd', 'e') AND t.typrelid = 0
                     """)) {
            while (rs.next()) {
                found.add(rs.getString("kind") + " public." + rs.getString("name"));
            }
        }
        return found;
    }

    /** The CREATE TABLE statements of a migration whose table name has no schema, with their line numbers. */
    public static List<String> unqualifiedCreateTables(String migrationName, String sql) {
        String code = withoutComments(sql);
        List<String> found = new ArrayList<>();
        Matcher matcher = CREATE_TABLE.matcher(code);
        while (matcher.find()) {
            if (matcher.group(2) == null) {
                int line = 1 + (int) code.substring(0, matcher.start()).chars().filter(c -> c == '\n').count();
                found.add(migrationName + ":" + line + ": CREATE TABLE " + matcher.group(1));
            }
        }
        return found;
    }

    public static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // keeps line breaks, so line numbers stay true
    private static String withoutComments(String sql) {
        String withoutBlocks = BLOCK_COMMENT.matcher(sql)
                .replaceAll(m -> Matcher.quoteReplacement(m.group().replaceAll("[^\n]", " ")));
        return withoutBlocks.replaceAll("--[^\n]*", "");
    }
}
