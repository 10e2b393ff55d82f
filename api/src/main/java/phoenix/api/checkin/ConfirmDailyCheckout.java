package phoenix.api.checkin;

import phoenix.api.PersonalData;

/** The child (or staff) answers the reader's question after a daily checkout: going home, or only elsewhere. */
public record ConfirmDailyCheckout(String deviceId, @PersonalData String tag, Destination destination) {

    public enum Destination { HOME, IN_TRANSIT }
}
