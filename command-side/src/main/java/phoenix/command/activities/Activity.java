package phoenix.command.activities;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.activities.ActivityDetails;
import phoenix.api.activities.ActivityDetailsChanged;
import phoenix.api.activities.ActivityRegistered;
import phoenix.api.activities.ChangeActivityDetails;
import phoenix.api.activities.RegisterActivity;
import phoenix.command.dispatch.KnownAggregates;
import phoenix.command.rooms.Room;

import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An AG (sports, crafts, homework help) with a category, a maximum of participants and perhaps a planned room. */
@Aggregate
public class Activity {

    @AggregateIdentifier
    private UUID activityId;
    private ActivityDetails details;

    protected Activity() {
        // for Axon
    }

    @CommandHandler
    Activity(RegisterActivity command, KnownAggregates known) {
        ActivityDetails details = valid(command.details(), known);
        apply(new ActivityRegistered(command.activityId(), details));
    }

    @CommandHandler
    void handle(ChangeActivityDetails command, KnownAggregates known) {
        ActivityDetails changed = valid(command.details(), known);
        if (!changed.equals(details)) {
            apply(new ActivityDetailsChanged(activityId, changed));
        }
    }

    public ActivityDetails details() {
        return details;
    }

    @EventSourcingHandler
    void on(ActivityRegistered event) {
        activityId = event.activityId();
        details = event.details();
    }

    @EventSourcingHandler
    void on(ActivityDetailsChanged event) {
        details = event.details();
    }


    private static ActivityDetails valid(ActivityDetails details, KnownAggregates known) {
        if (details.name() == null || details.name().isBlank() || details.category() == null
                || details.category().isBlank()) {
            throw new PhoenixException(ErrorCode.VALIDATION_FAILED, "An activity needs a name and a category.");
        }
        if (details.maxParticipants() < 1) {
            throw new PhoenixException(ErrorCode.VALIDATION_FAILED, "An activity takes at least one participant.");
        }
        if (details.plannedRoomId() != null && !known.exists(Room.class, details.plannedRoomId())) {
            throw new PhoenixException(ErrorCode.ROOM_NOT_FOUND, "The planned room does not exist.");
        }
        return new ActivityDetails(details.name().trim(), details.category().trim(), details.maxParticipants(),
                details.plannedRoomId());
    }
}
