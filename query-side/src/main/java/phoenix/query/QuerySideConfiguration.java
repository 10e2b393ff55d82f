package phoenix.query;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import phoenix.platform.security.ApiSecurity;
import phoenix.platform.web.ProblemResponses;
import phoenix.query.live.AccessTokenParameter;

@Configuration(proxyBeanMethods = false)
class QuerySideConfiguration {

    /**
     * Users with a JWT issued by command-side; devices have nothing to ask here. The live event stream also takes
     * the token as query parameter, for browsers' EventSource (see {@link AccessTokenParameter}).
     */
    @Bean
    SecurityFilterChain userApi(HttpSecurity http, ProblemResponses problems, JwtAuthenticationConverter converter)
            throws Exception {
        return ApiSecurity.users(http, problems, converter)
                .oauth2ResourceServer(server -> server.bearerTokenResolver(new AccessTokenParameter()))
                .build();
    }
}
