package phoenix.bridge;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import phoenix.bridge.leader.Leadership;
import phoenix.db.TestDatabase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bridge instances a test starts itself, on the test's own database, broker and device API, with short leases so
 * that take-overs happen within a test's patience. Each gets the settings below plus the test's own.
 */
public final class Bridges implements AutoCloseable {

    public static final String KEY = "bridge-test-key";

    private final TestDatabase database;
    private final String brokerUrl;
    private final String deviceApiUrl;
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    public Bridges(TestDatabase database, String brokerUrl, String deviceApiUrl) {
        this.database = database;
        this.brokerUrl = brokerUrl;
        this.deviceApiUrl = deviceApiUrl;
    }

    public ConfigurableApplicationContext start(String clientId, String... properties) {
        List<String> settings = new ArrayList<>(List.of(database.springProperties()));
        settings.addAll(List.of(
                "server.port=0",
                "phoenix.mqtt.broker-url=" + brokerUrl,
                "phoenix.mqtt.client-id=" + clientId,
                "phoenix.bridge.command-side-url=" + deviceApiUrl,
                "phoenix.bridge.key=" + KEY,
                "phoenix.bridge.retry-first=20ms",
                "phoenix.bridge.retry-max=200ms",
                "phoenix.bridge.lease.ttl=1500ms",
                "phoenix.bridge.lease.renewal=250ms"));
        settings.addAll(List.of(properties));
        // a later setting of the same name replaces an earlier one (as arguments both would count)
        Map<String, String> byName = new LinkedHashMap<>();
        settings.forEach(setting -> byName.put(setting.substring(0, setting.indexOf('=')), setting));
        // as command-line arguments: builder properties() would only be defaults, below application.yml
        ConfigurableApplicationContext bridge = new SpringApplicationBuilder(DeviceBridgeApplication.class)
                .run(byName.values().stream().map(setting -> "--" + setting).toArray(String[]::new));
        started.add(bridge);
        return bridge;
    }

    public static Leadership.Role role(ConfigurableApplicationContext bridge) {
        return bridge.getBean(Leadership.class).role();
    }

    @Override
    public void close() {
        started.forEach(ConfigurableApplicationContext::close);
    }
}
