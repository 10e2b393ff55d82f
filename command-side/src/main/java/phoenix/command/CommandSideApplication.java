package phoenix.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import phoenix.platform.PlatformConfiguration;

/** The command side: decides, and writes the event store. Port 8081. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(PlatformConfiguration.class)
public class CommandSideApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
