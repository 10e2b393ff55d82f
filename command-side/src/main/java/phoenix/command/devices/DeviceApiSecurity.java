package phoenix.command.devices;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import phoenix.platform.security.ApiSecurity;
import phoenix.platform.web.ProblemResponses;

import java.time.Clock;

/** The device API: API keys only, and only on /api/iot/** (a user's token is not accepted here). */
@Configuration(proxyBeanMethods = false)
class DeviceApiSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain deviceApi(HttpSecurity http, ProblemResponses problems, DeviceCredentials credentials,
                                  Heartbeats heartbeats, Clock clock, DeviceProperties properties)
            throws Exception {
        return ApiSecurity.stateless(http.securityMatcher("/api/iot/**"), problems)
                .addFilterBefore(new DeviceKeyAuthentication(credentials, heartbeats, clock, problems, properties),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .build();
    }
}
