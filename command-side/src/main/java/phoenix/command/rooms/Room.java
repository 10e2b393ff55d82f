package phoenix.command.rooms;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.rooms.ChangeRoomDetails;
import phoenix.api.rooms.RegisterRoom;
import phoenix.api.rooms.RoomDetails;
import phoenix.api.rooms.RoomDetailsChanged;
import phoenix.api.rooms.RoomRegistered;

import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A room children can be in. Its name is unique in the school; its capacity is never negative. */
@Aggregate
public class Room {

    @AggregateIdentifier
    private UUID roomId;
    private RoomDetails details;

    protected Room() {
        // for Axon
    }

    @CommandHandler
    Room(RegisterRoom command, RoomNames names) {
        RoomDetails details = valid(command.details());
        names.requireFree(details.name(), command.roomId());
        apply(new RoomRegistered(command.roomId(), details));
    }

    @CommandHandler
    void handle(ChangeRoomDetails command, RoomNames names) {
        RoomDetails changed = valid(command.details());
        if (changed.equals(details)) {
            return;
        }
        names.requireFree(changed.name(), roomId);
        apply(new RoomDetailsChanged(roomId, changed));
    }

    public RoomDetails details() {
        return details;
    }

    @EventSourcingHandler
    void on(RoomRegistered event) {
        roomId = event.roomId();
        details = event.details();
    }

    @EventSourcingHandler
    void on(RoomDetailsChanged event) {
        details = event.details();
    }


    private static RoomDetails valid(RoomDetails details) {
        if (details.name() == null || details.name().isBlank()) {
            throw new PhoenixException(ErrorCode.VALIDATION_FAILED, "A room needs a name.");
        }
        if (details.capacity() < 0) {
            throw new PhoenixException(ErrorCode.VALIDATION_FAILED, "A room's capacity cannot be negative.");
        }
        return new RoomDetails(details.name().trim(), blankToNull(details.building()), details.floor(),
                details.capacity(), blankToNull(details.category()));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
