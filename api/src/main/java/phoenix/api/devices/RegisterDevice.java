package phoenix.api.devices;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code apiKeyHash}: SHA-256 of the key, hex; the key itself never enters a message. */
public record RegisterDevice(@TargetAggregateIdentifier String deviceId, String name, String type, String apiKeyHash) {
}
