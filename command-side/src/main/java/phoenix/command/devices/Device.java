package phoenix.command.devices;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.devices.ChangeDeviceStatus;
import phoenix.api.devices.DeviceId;
import phoenix.api.devices.DeviceKeyRotated;
import phoenix.api.devices.DeviceRegistered;
import phoenix.api.devices.DeviceStatus;
import phoenix.api.devices.DeviceStatusChanged;
import phoenix.api.devices.RegisterDevice;
import phoenix.api.devices.RotateDeviceKey;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An RFID reader at a room door, known by its device id; it calls the device API with its API key. */
@Aggregate
public class Device {

    @AggregateIdentifier
    private String deviceId;
    private DeviceStatus status;

    protected Device() {
        // for Axon
    }

    @CommandHandler
    Device(RegisterDevice command) {
        DeviceId.requireValid(command.deviceId());
        if (command.name() == null || command.name().isBlank()) {
            throw new PhoenixException(ErrorCode.VALIDATION_FAILED, "A device needs a name.");
        }
        apply(new DeviceRegistered(command.deviceId(), command.name().trim(), command.type(), command.apiKeyHash(),
                DeviceStatus.ACTIVE));
    }

    @CommandHandler
    void handle(ChangeDeviceStatus command) {
        if (command.status() != status) {
            apply(new DeviceStatusChanged(deviceId, command.status(), status));
        }
    }

    @CommandHandler
    void handle(RotateDeviceKey command) {
        apply(new DeviceKeyRotated(deviceId, command.apiKeyHash()));
    }

    @EventSourcingHandler
    void on(DeviceRegistered event) {
        deviceId = event.deviceId();
        status = event.status();
    }

    @EventSourcingHandler
    void on(DeviceStatusChanged event) {
        status = event.status();
    }

}
