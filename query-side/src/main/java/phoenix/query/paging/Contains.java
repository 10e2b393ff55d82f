package phoenix.query.paging;

import java.util.Locale;

/** A SQL LIKE pattern for "contains this text, ignoring case" (compare with {@code lower(column)}). */
public final class Contains {

    private Contains() {
    }

    public static String pattern(String text) {
        if (text == null || text.isBlank()) {
            return "%";
        }
        String escaped = text.trim().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
