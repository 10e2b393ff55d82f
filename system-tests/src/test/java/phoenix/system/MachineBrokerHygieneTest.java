package phoenix.system;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The suite leaves nothing behind on the machine's broker (127.0.0.1:1883), which ./run.sh shares: a persistent
 * session of an earlier test in a shared subscription would take a share of every message for a client that never
 * comes back. Runs last of this module, the last module of the build, so after every bridge test. A fresh member of
 * the group the bridges once used must receive every message published to a taps topic.
 */
@Order(Integer.MAX_VALUE)
class MachineBrokerHygieneTest {

    private static final String MACHINE_BROKER = "tcp://127.0.0.1:1883";
    private static final int MESSAGES = 50;

    @Test
    void aFreshMemberOfTheBridgeGroupOnTheMachineBrokerReceivesEveryMessageAfterTheSuite() throws Exception {
        Set<String> received = ConcurrentHashMap.newKeySet();
        MqttClient member = client("hygiene-member");
        MqttClient publisher = client("hygiene-publisher");
        try {
            // Paho matches a listener's filter against the topic, which a $share/... filter never matches: the
            // client's callback gets them
            member.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            member.subscribe("$share/bridge/phoenix/devices/+/taps", 1);
            // a topic level that is no device id: a bridge of ./run.sh, should one run here, only records it
            String topic = "phoenix/devices/suite hygiene " + UUID.randomUUID() + "/taps";
            for (int i = 0; i < MESSAGES; i++) {
                MqttMessage message = new MqttMessage(("hygiene-" + i).getBytes(StandardCharsets.UTF_8));
                message.setQos(1);
                publisher.publish(topic, message);
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == MESSAGES);
            assertThat(received).hasSize(MESSAGES);
        } finally {
            close(member);
            close(publisher);
        }
    }

    /** A clean session: gone from the broker once disconnected. */
    private static MqttClient client(String name) throws Exception {
        MqttClient client = new MqttClient(MACHINE_BROKER, name + "-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        return client;
    }

    private static void close(MqttClient client) throws Exception {
        client.disconnect();
        client.close();
    }
}
