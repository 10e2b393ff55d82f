package phoenix.api.devices;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RotateDeviceKey(@TargetAggregateIdentifier String deviceId, String apiKeyHash) {
}
