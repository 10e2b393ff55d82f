package phoenix.command;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import phoenix.command.dispatch.ConflictRetryScheduler;
import phoenix.command.dispatch.EventPositions;
import phoenix.platform.security.ApiSecurity;
import phoenix.platform.web.ProblemResponses;

import java.util.concurrent.Executors;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class CommandSideConfiguration {

    /**
     * Event handlers on the command side keep lookup tables that guard cross-aggregate rules (unique names, one
     * holder per tag, device keys). They run in the command's own transaction, and their failure fails the command.
     */
    @Autowired
    void inTheCommandsTransaction(EventProcessingConfigurer processing) {
        processing.usingSubscribingEventProcessors();
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConflictRetryScheduler(Executors.newScheduledThreadPool(2), 5))
                .build();
    }

    @Bean
    EventPositions eventPositions(JdbcClient jdbc, EventStore eventStore) {
        EventPositions positions = new EventPositions(jdbc);
        eventStore.registerDispatchInterceptor(positions);
        return positions;
    }

    /** Everything but the device API (see DeviceApiSecurity): users with a JWT, except open paths and login. */
    @Bean
    @Order(2)
    SecurityFilterChain userApi(HttpSecurity http, ProblemResponses problems, JwtAuthenticationConverter converter)
            throws Exception {
        return ApiSecurity.users(http, problems, converter).build();
    }
}
