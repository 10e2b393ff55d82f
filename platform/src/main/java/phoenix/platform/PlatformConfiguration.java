package phoenix.platform;

import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import phoenix.api.time.SchoolCalendar;
import phoenix.platform.axon.AxonOnPostgresConfiguration;
import phoenix.platform.security.JwtConfiguration;
import phoenix.platform.security.MetricsEndpointSecurity;
import phoenix.platform.web.ProblemResponses;
import phoenix.platform.web.WebConfiguration;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** What command-side and query-side share; each imports it once. */
@Configuration(proxyBeanMethods = false)
@Import({AxonOnPostgresConfiguration.class, JwtConfiguration.class, MetricsEndpointSecurity.class, WebConfiguration.class,
        ProblemResponses.class})
public class PlatformConfiguration {

    /** UTC; business dates are derived from it in Europe/Berlin. Tests replace it to move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Bean Validation's @Past/@Future compare with the Berlin date of that Clock, not with the JVM's zone and time. */
    @Bean
    ValidationConfigurationCustomizer validationOnSchoolTime(Clock clock) {
        Clock inBerlin = new InBerlin(clock);
        return configuration -> configuration.clockProvider(() -> inBerlin);
    }

    /** Live, not a snapshot: Hibernate Validator asks for the clock once and keeps it. */
    private static final class InBerlin extends Clock {

        private final Clock clock;

        private InBerlin(Clock clock) {
            this.clock = clock;
        }

        @Override
        public ZoneId getZone() {
            return SchoolCalendar.ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("Phoenix computes zones from instants");
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }
    }
}
