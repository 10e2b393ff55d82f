package phoenix.api.checkin;

import java.util.UUID;

/**
 * What a reader shows after a tap: {@code action} (checked_in, checked_out, checked_out_daily, transferred,
 * supervisor_authenticated, no_action), the greeting as {@code message}, and the room's count of children.
 */
public record TapAnswer(String action,
                        UUID studentId,
                        String studentName,
                        String message,
                        String roomName,
                        String previousRoom,
                        boolean dailyCheckoutAvailable,
                        Integer activeStudents) {

    public static final String CHECKED_IN = "checked_in";
    public static final String CHECKED_OUT = "checked_out";
    public static final String CHECKED_OUT_DAILY = "checked_out_daily";
    public static final String TRANSFERRED = "transferred";
    public static final String SUPERVISOR_AUTHENTICATED = "supervisor_authenticated";
    public static final String NO_ACTION = "no_action";
    /** What a reader shows for a refused tap (the refusal itself is problem+json with its code). */
    public static final String REJECTED = "rejected";
    /** Answers to the daily checkout question. */
    public static final String WENT_HOME = "went_home";
    public static final String IN_TRANSIT = "in_transit";
}
