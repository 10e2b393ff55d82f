package phoenix.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import phoenix.platform.axon.AxonOnPostgresConfiguration;
import phoenix.platform.security.JwtConfiguration;
import phoenix.platform.web.ProblemResponses;
import phoenix.platform.web.WebConfiguration;

import java.time.Clock;

/** What command-side and query-side share; each imports it once. */
@Configuration(proxyBeanMethods = false)
@Import({AxonOnPostgresConfiguration.class, JwtConfiguration.class, WebConfiguration.class, ProblemResponses.class})
public class PlatformConfiguration {

    /** UTC; business dates are derived from it in Europe/Berlin. Tests replace it to move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
