package phoenix.api.devices;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeDeviceStatus(@TargetAggregateIdentifier String deviceId, DeviceStatus status) {
}
