package phoenix.command.rooms;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import phoenix.api.ErrorCode;
import phoenix.command.dispatch.UniqueNames;
import phoenix.api.PhoenixException;
import phoenix.api.people.StudentRegistered;
import phoenix.api.rooms.ChangeRoomDetails;
import phoenix.api.rooms.RegisterRoom;
import phoenix.api.rooms.RoomDetails;
import phoenix.api.rooms.RoomDetailsChanged;
import phoenix.api.rooms.RoomRegistered;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

class RoomTest {

    private final UUID roomId = UUID.randomUUID();
    private final RoomDetails gym = new RoomDetails("Turnhalle", "Haupthaus", 0, 30, "Sport");

    private AggregateTestFixture<Room> fixture;
    private NamesHeld names;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Room.class);
        names = new NamesHeld();
        fixture.registerInjectableResource(names);
    }

    @Test
    void registeringARoomTrimsItsNameAndTurnsBlankBuildingAndCategoryIntoNothing() {
        fixture.givenNoPriorActivity()
                .when(new RegisterRoom(roomId, new RoomDetails("  Turnhalle ", "  ", 0, 30, "")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoomRegistered(roomId, new RoomDetails("Turnhalle", null, 0, 30, null)));
    }

    @Test
    void registeringARoomTrimsItsBuildingAndCategory() {
        fixture.givenNoPriorActivity()
                .when(new RegisterRoom(roomId, new RoomDetails("Turnhalle", " Haupthaus ", 0, 30, " Sport ")))
                .expectEvents(new RoomRegistered(roomId, gym));
    }

    @Test
    void aRoomWithoutCapacityMayBeRegistered() {
        RoomDetails closet = new RoomDetails("Abstellraum", null, null, 0, null);
        fixture.givenNoPriorActivity()
                .when(new RegisterRoom(roomId, closet))
                .expectEvents(new RoomRegistered(roomId, closet));
    }

    @Test
    void registeringARoomWithABlankNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterRoom(roomId, new RoomDetails("   ", null, null, 10, null)))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void registeringARoomWithoutANameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterRoom(roomId, new RoomDetails(null, null, null, 10, null)))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void registeringARoomWithANegativeCapacityIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterRoom(roomId, new RoomDetails("Turnhalle", null, null, -1, null)))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectExceptionMessage("A room's capacity cannot be negative.")
                .expectNoEvents();
    }

    @Test
    void registeringARoomUnderAnotherRoomsNameIsRefused() {
        names.held("Turnhalle", UUID.randomUUID());

        fixture.givenNoPriorActivity()
                .when(new RegisterRoom(roomId, gym))
                .expectException(refusedWith(ErrorCode.ROOM_NAME_TAKEN))
                .expectNoEvents();
    }

    @Test
    void theNameIsCheckedAfterTrimming() {
        fixture.givenNoPriorActivity()
                .when(new RegisterRoom(roomId, new RoomDetails(" Turnhalle  ", null, null, 30, null)))
                .expectSuccessfulHandlerExecution();

        assertThat(names.asked).containsEntry("Turnhalle", roomId);
    }

    @Test
    void changingARoomsDetailsRecordsTheNewDetails() {
        RoomDetails bigger = new RoomDetails("Turnhalle", "Haupthaus", 0, 40, "Sport");

        fixture.given(new RoomRegistered(roomId, gym))
                .when(new ChangeRoomDetails(roomId, bigger))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoomDetailsChanged(roomId, bigger));
    }

    @Test
    void changedDetailsAreTrimmedLikeRegisteredOnes() {
        fixture.given(new RoomRegistered(roomId, gym))
                .when(new ChangeRoomDetails(roomId, new RoomDetails(" Sporthalle ", " ", 0, 30, " ")))
                .expectEvents(new RoomDetailsChanged(roomId, new RoomDetails("Sporthalle", null, 0, 30, null)));
    }

    @Test
    void changingToTheSameDetailsAddsNoEvent() {
        fixture.given(new RoomRegistered(roomId, gym))
                .when(new ChangeRoomDetails(roomId, new RoomDetails(" Turnhalle ", "Haupthaus ", 0, 30, "Sport")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changingBackToTheRegisteredDetailsIsAChange() {
        RoomDetails bigger = new RoomDetails("Turnhalle", "Haupthaus", 0, 40, "Sport");

        fixture.given(new RoomRegistered(roomId, gym), new RoomDetailsChanged(roomId, bigger))
                .when(new ChangeRoomDetails(roomId, gym))
                .expectEvents(new RoomDetailsChanged(roomId, gym));
    }

    @Test
    void aRoomKeepsItsOwnNameWhenOtherDetailsChange() {
        names.held("Turnhalle", roomId);
        RoomDetails bigger = new RoomDetails("Turnhalle", "Haupthaus", 0, 40, "Sport");

        fixture.given(new RoomRegistered(roomId, gym))
                .when(new ChangeRoomDetails(roomId, bigger))
                .expectEvents(new RoomDetailsChanged(roomId, bigger));
    }

    @Test
    void renamingARoomToAnotherRoomsNameIsRefused() {
        names.held("Aula", UUID.randomUUID());

        fixture.given(new RoomRegistered(roomId, gym))
                .when(new ChangeRoomDetails(roomId, new RoomDetails("Aula", null, null, 30, null)))
                .expectException(refusedWith(ErrorCode.ROOM_NAME_TAKEN))
                .expectNoEvents();
    }

    @Test
    void changingARoomToABlankNameIsRefused() {
        fixture.given(new RoomRegistered(roomId, gym))
                .when(new ChangeRoomDetails(roomId, new RoomDetails(" ", null, null, 30, null)))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void changingARoomToANegativeCapacityIsRefused() {
        fixture.given(new RoomRegistered(roomId, gym))
                .when(new ChangeRoomDetails(roomId, new RoomDetails("Turnhalle", null, null, -5, null)))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void changingARoomThatWasNeverRegisteredIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ChangeRoomDetails(roomId, gym))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    /**
     * The event store reads events by id alone: a student's id sent to a room command must not load a Room from the
     * student's events, let alone append to them. The repository refuses; Commands answers ROOM_NOT_FOUND.
     */
    @Test
    void aStudentsIdIsNoRoom() {
        fixture.given(new StudentRegistered(roomId, "Anna", "Schmidt", "2a", LocalDate.of(2017, 3, 1)))
                .when(new ChangeRoomDetails(roomId, gym))
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

    /** The names other rooms hold, instead of the table; remembers which name the room asked about. */
    static class NamesHeld extends RoomNames {

        private final Map<String, UUID> holders = new HashMap<>();
        final Map<String, UUID> asked = new HashMap<>();

        NamesHeld() {
            super(null);
        }

        void held(String name, UUID roomId) {
            holders.put(UniqueNames.key(name), roomId);
        }

        @Override
        void requireFree(String name, UUID roomId) {
            asked.put(name, roomId);
            UUID holder = holders.get(UniqueNames.key(name));
            if (holder != null && !holder.equals(roomId)) {
                throw new PhoenixException(ErrorCode.ROOM_NAME_TAKEN, "Another room already has this name.");
            }
        }
    }
}
