package phoenix.platform.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /actuator/prometheus} has a credential of its own, checked before any security filter (the ops module's
 * MetricsAccess): this chain only keeps the user chain from reading the metrics token as a JWT.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsEndpointSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain metricsEndpoint(HttpSecurity http) throws Exception {
        return http.securityMatcher("/actuator/prometheus")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
