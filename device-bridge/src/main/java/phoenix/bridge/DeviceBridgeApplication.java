package phoenix.bridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The device bridge: connects the RFID readers' MQTT broker to the command side. Port 8083, health only. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DeviceBridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(DeviceBridgeApplication.class, args);
    }
}
