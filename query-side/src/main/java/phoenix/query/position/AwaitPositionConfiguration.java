package phoenix.query.position;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AwaitPositionConfiguration.AwaitProperties.class)
class AwaitPositionConfiguration implements WebMvcConfigurer {

    /** @param awaitTimeout how long a query waits for {@code X-Phoenix-Await-Position} before answering 503 */
    @ConfigurationProperties("phoenix.query")
    record AwaitProperties(@DefaultValue("5s") Duration awaitTimeout) {
    }

    private final ProjectionPositions positions;
    private final AwaitProperties properties;

    AwaitPositionConfiguration(ProjectionPositions positions, AwaitProperties properties) {
        this.positions = positions;
        this.properties = properties;
    }

    /** After the role check: a caller without rights does not wait. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AwaitPosition(positions, properties.awaitTimeout()))
                .addPathPatterns("/api/**")
                .order(10);
    }
}
