package phoenix.api.tags;

import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;

import java.util.regex.Pattern;

/** The one place where RFID tags are normalised: readers and people write them in many ways. */
public final class RfidTag {

    private static final Pattern SEPARATORS = Pattern.compile("[:\\-\\s]");
    private static final Pattern HEX_8_TO_64 = Pattern.compile("[0-9A-F]{8,64}");

    private RfidTag() {
    }

    /**
     * Trims, drops {@code :}, {@code -} and whitespace, upper-cases, and accepts 8–64 hex characters.
     *
     * @throws PhoenixException {@link ErrorCode#INVALID_TAG} for anything else
     */
    public static String normalise(String raw) {
        if (raw == null) {
            throw invalid();
        }
        String tag = SEPARATORS.matcher(raw.trim()).replaceAll("").toUpperCase(java.util.Locale.ROOT);
        if (!HEX_8_TO_64.matcher(tag).matches()) {
            throw invalid();
        }
        return tag;
    }

    private static PhoenixException invalid() {
        // the rejected value is not echoed: a tag is personal data
        return new PhoenixException(ErrorCode.INVALID_TAG,
                "A tag is 8 to 64 hexadecimal characters (separators ':', '-' and spaces are ignored).");
    }
}
