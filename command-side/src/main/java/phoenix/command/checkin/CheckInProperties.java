package phoenix.command.checkin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.LocalTime;

/**
 * @param dailyCheckoutTime    from this Berlin time on, a tap out of the home room offers "going home"
 * @param debounce             the same tag on the same reader again within this window does nothing
 * @param tapAnswersKeptFor    how long a tap's answer is kept, so a tap delivered again answers the same
 * @param maxClockSkew         a reader's {@code tappedAt} further in the future than this is not believed (the
 *                             server's time is used)
 */
@ConfigurationProperties("phoenix.checkin")
public record CheckInProperties(@DefaultValue("15:00") LocalTime dailyCheckoutTime,
                                @DefaultValue("2s") Duration debounce,
                                @DefaultValue("3d") Duration tapAnswersKeptFor,
                                @DefaultValue("1m") Duration maxClockSkew) {
}
