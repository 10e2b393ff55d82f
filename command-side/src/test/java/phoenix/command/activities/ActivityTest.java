package phoenix.command.activities;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.activities.ActivityDetails;
import phoenix.api.activities.ActivityDetailsChanged;
import phoenix.api.activities.ActivityRegistered;
import phoenix.api.activities.ChangeActivityDetails;
import phoenix.api.activities.RegisterActivity;
import phoenix.api.rooms.RoomDetails;
import phoenix.api.rooms.RoomRegistered;
import phoenix.command.dispatch.KnownAggregates;
import phoenix.command.rooms.Room;

import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class ActivityTest {

    private final UUID activityId = UUID.randomUUID();
    private final UUID gym = UUID.randomUUID();
    private final UUID unknownRoom = UUID.randomUUID();
    private final ActivityDetails football = new ActivityDetails("Fußball", "Sport", 12, gym);

    private AggregateTestFixture<Activity> fixture;
    private KnownAggregates known;

    @BeforeEach
    void setUp() {
        known = mock(KnownAggregates.class);
        when(known.exists(Room.class, gym)).thenReturn(true);
        fixture = new AggregateTestFixture<>(Activity.class);
        fixture.registerInjectableResource(known);
    }

    // registering

    @Test
    void registeringAnActivityInAKnownRoomRecordsItTrimmed() {
        fixture.givenNoPriorActivity()
                .when(new RegisterActivity(activityId, new ActivityDetails(" Fußball ", " Sport", 12, gym)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ActivityRegistered(activityId, football));
    }

    @Test
    void registeringAnActivityInAnUnknownRoomIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterActivity(activityId, new ActivityDetails("Fußball", "Sport", 12, unknownRoom)))
                .expectException(refusedWith(ErrorCode.ROOM_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void anActivityNeedsNoPlannedRoom() {
        ActivityDetails homework = new ActivityDetails("Hausaufgabenhilfe", "Lernen", 20, null);

        fixture.givenNoPriorActivity()
                .when(new RegisterActivity(activityId, homework))
                .expectEvents(new ActivityRegistered(activityId, homework));
        verifyNoInteractions(known);
    }

    @Test
    void anActivityForOneParticipantMayBeRegistered() {
        ActivityDetails tutoring = new ActivityDetails("Einzelförderung", "Lernen", 1, null);

        fixture.givenNoPriorActivity()
                .when(new RegisterActivity(activityId, tutoring))
                .expectEvents(new ActivityRegistered(activityId, tutoring));
    }

    @Test
    void registeringAnActivityForNoParticipantsIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterActivity(activityId, new ActivityDetails("Fußball", "Sport", 0, gym)))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void registeringAnActivityForANegativeNumberOfParticipantsIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterActivity(activityId, new ActivityDetails("Fußball", "Sport", -3, null)))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void registeringAnActivityWithABlankNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterActivity(activityId, new ActivityDetails("  ", "Sport", 12, gym)))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void registeringAnActivityWithoutANameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterActivity(activityId, new ActivityDetails(null, "Sport", 12, gym)))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void registeringAnActivityWithABlankCategoryIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterActivity(activityId, new ActivityDetails("Fußball", " ", 12, gym)))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void registeringAnActivityWithoutACategoryIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterActivity(activityId, new ActivityDetails("Fußball", null, 12, gym)))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    // changing details

    @Test
    void changingAnActivitysDetailsRecordsTheNewDetails() {
        ActivityDetails moreFootball = new ActivityDetails("Fußball", "Sport", 16, gym);

        fixture.given(new ActivityRegistered(activityId, football))
                .when(new ChangeActivityDetails(activityId, moreFootball))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ActivityDetailsChanged(activityId, moreFootball));
    }

    @Test
    void droppingThePlannedRoomIsAChange() {
        ActivityDetails anywhere = new ActivityDetails("Fußball", "Sport", 12, null);

        fixture.given(new ActivityRegistered(activityId, football))
                .when(new ChangeActivityDetails(activityId, anywhere))
                .expectEvents(new ActivityDetailsChanged(activityId, anywhere));
    }

    @Test
    void changingToTheSameDetailsAddsNoEvent() {
        fixture.given(new ActivityRegistered(activityId, football))
                .when(new ChangeActivityDetails(activityId, new ActivityDetails("Fußball ", " Sport", 12, gym)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void movingAnActivityToAnUnknownRoomIsRefused() {
        fixture.given(new ActivityRegistered(activityId, football))
                .when(new ChangeActivityDetails(activityId, new ActivityDetails("Fußball", "Sport", 12, unknownRoom)))
                .expectException(refusedWith(ErrorCode.ROOM_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void changingAnActivityToNoParticipantsIsRefused() {
        fixture.given(new ActivityRegistered(activityId, football))
                .when(new ChangeActivityDetails(activityId, new ActivityDetails("Fußball", "Sport", 0, gym)))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void changingAnActivityToABlankCategoryIsRefused() {
        fixture.given(new ActivityRegistered(activityId, football))
                .when(new ChangeActivityDetails(activityId, new ActivityDetails("Fußball", "", 12, gym)))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void changingAnActivityThatWasNeverRegisteredIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ChangeActivityDetails(activityId, football))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    /** A room's events do not make an activity: the repository refuses, Commands answers ACTIVITY_NOT_FOUND. */
    @Test
    void aRoomsIdIsNoActivity() {
        fixture.given(new RoomRegistered(activityId, new RoomDetails("Turnhalle", null, null, 30, null)))
                .when(new ChangeActivityDetails(activityId, football))
                .expectException(IncompatibleAggregateException.class)
                .expectNoEvents();
    }

    static Matcher<PhoenixException> refusedWith(ErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a PhoenixException with code", "code") {
            @Override
            protected ErrorCode featureValueOf(PhoenixException refusal) {
                return refusal.code();
            }
        };
    }
}
