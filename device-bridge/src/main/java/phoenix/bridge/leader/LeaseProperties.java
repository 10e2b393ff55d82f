package phoenix.bridge.leader;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the bridge instances agree on the one that carries the taps.
 *
 * @param ttl     a lease not renewed for this long is free: a crashed or hung leader is replaced after at most this
 *                plus {@code renewal}. The leader itself stops one renewal before it runs out
 * @param renewal how often the leader renews its lease and a standby tries to take it
 */
@ConfigurationProperties("phoenix.bridge.lease")
public record LeaseProperties(@DefaultValue("6s") Duration ttl, @DefaultValue("1s") Duration renewal) {

    public LeaseProperties {
        if (renewal.isNegative() || renewal.isZero() || ttl.compareTo(renewal.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("phoenix.bridge.lease.ttl must be at least three renewals");
        }
    }
}
