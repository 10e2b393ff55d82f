package phoenix.ops;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.metrics.MeterRegistryCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Metrics of every Phoenix app: tagged with the app's name, readable with the metrics token only. */
@AutoConfiguration
@ConditionalOnWebApplication
@EnableConfigurationProperties(MetricsProperties.class)
public class OpsAutoConfiguration {

    @Bean
    FilterRegistrationBean<MetricsAccess> metricsAccess(MetricsProperties properties) {
        FilterRegistrationBean<MetricsAccess> registration = new FilterRegistrationBean<>(new MetricsAccess(properties));
        registration.addUrlPatterns(MetricsAccess.PATH);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** One Prometheus scrapes all three apps: every series says which one it came from. */
    @Bean
    MeterRegistryCustomizer<MeterRegistry> applicationTag(@Value("${spring.application.name}") String application) {
        return registry -> registry.config().commonTags("application", application);
    }
}
