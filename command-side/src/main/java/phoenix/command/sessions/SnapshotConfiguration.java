package phoenix.command.sessions;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SnapshotConfiguration {

    /** Without it every tap replays every visit of the session so far: taps slow down as the afternoon goes on. */
    @Bean
    SnapshotTriggerDefinition sessionSnapshots(Snapshotter snapshotter, SessionProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotEvery());
    }
}
