package phoenix.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * @param allowedOrigins the browser origins of the frontend (CORS), e.g. {@code https://phoenix.schule.de};
 *                       none by default
 */
@ConfigurationProperties("phoenix.web")
public record WebProperties(@DefaultValue({}) List<String> allowedOrigins) {
}
