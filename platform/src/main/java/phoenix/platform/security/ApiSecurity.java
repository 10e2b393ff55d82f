package phoenix.platform.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import phoenix.platform.web.ProblemResponses;

/**
 * The security both apps share: stateless bearer tokens, no sessions, no cookies (hence no CSRF), CORS for the
 * configured origins, and every refusal as problem+json. Which role may call what is declared on each endpoint
 * ({@link AllowedRoles}) and enforced by {@link EndpointAccessInterceptor}; the filter chain only asks "who are
 * you?" and answers 401.
 */
public final class ApiSecurity {

    /** Open to anyone: health (for load balancers and compose), the OpenAPI pages, and login. */
    public static final String[] OPEN_PATHS = {
            "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**"};
    public static final String LOGIN_PATH = "/api/auth/login";

    private ApiSecurity() {
    }

    /** Common settings of every chain; the caller adds its own authentication. */
    public static HttpSecurity stateless(HttpSecurity http, ProblemResponses problems) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .cors(Customizer.withDefaults())
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems::unauthenticated)
                        .accessDeniedHandler(problems::forbidden));
    }

    /** The chain for people: a JWT on everything but the open paths. */
    public static HttpSecurity users(HttpSecurity http, ProblemResponses problems,
                                     JwtAuthenticationConverter converter) throws Exception {
        return stateless(http, problems)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .requestMatchers(OPEN_PATHS).permitAll()
                        .requestMatchers(HttpMethod.POST, LOGIN_PATH).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .authenticationEntryPoint(problems::unauthenticated)
                        .accessDeniedHandler(problems::forbidden)
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter)));
    }
}
