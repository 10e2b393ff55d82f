package phoenix.bridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** The device bridge: connects the RFID readers' MQTT broker to the command side. Port 8083, health only. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DeviceBridgeApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(DeviceBridgeApplication.class, args);
    }
}
