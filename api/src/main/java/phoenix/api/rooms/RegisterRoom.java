package phoenix.api.rooms;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record RegisterRoom(@TargetAggregateIdentifier UUID roomId, RoomDetails details) {
}
