package phoenix.query.projections;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The read tables one projector alone writes, schema-qualified, parents before children (foreign-key order). Its
 * reset empties them; a rebuild builds them anew beside the live ones and copies them over.
 */
public record ReadTables(List<String> parentsFirst) {

    private static final Pattern QUALIFIED = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*");

    public ReadTables {
        parentsFirst = List.copyOf(parentsFirst);
        if (parentsFirst.isEmpty()) {
            throw new IllegalArgumentException("A projector writes at least one table");
        }
        for (String table : parentsFirst) {
            if (!QUALIFIED.matcher(table).matches()) {
                throw new IllegalArgumentException("Not a schema-qualified table name: " + table);
            }
        }
    }

    public static ReadTables of(String... parentsFirst) {
        return new ReadTables(List.of(parentsFirst));
    }

    public List<String> childrenFirst() {
        List<String> reversed = new ArrayList<>(parentsFirst);
        Collections.reverse(reversed);
        return reversed;
    }

    /** Empties every table, children first (the reset of a projection). */
    public void deleteAll(JdbcClient jdbc) {
        for (String table : childrenFirst()) {
            jdbc.sql("DELETE FROM " + table).update();
        }
    }
}
