package phoenix.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import phoenix.platform.PlatformConfiguration;

/** The query side: projects the event store into the read schemas and answers queries from them. Port 8082. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(PlatformConfiguration.class)
public class QuerySideApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
