package phoenix.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param token the credential Prometheus sends ({@code Authorization: Bearer <token>}) to read
 *              {@code /actuator/prometheus} (env PHOENIX_METRICS_TOKEN); none: the metrics are not served
 */
@ConfigurationProperties("phoenix.metrics")
public record MetricsProperties(String token) {

    boolean enabled() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "MetricsProperties[token=" + (enabled() ? "***" : "none") + "]";
    }
}
