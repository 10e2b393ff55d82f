package phoenix.command.devices;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;
import phoenix.api.devices.ChangeDeviceStatus;
import phoenix.api.devices.DeviceKeyRotated;
import phoenix.api.devices.DeviceRegistered;
import phoenix.api.devices.DeviceStatus;
import phoenix.api.devices.DeviceStatusChanged;
import phoenix.api.devices.RegisterDevice;
import phoenix.api.devices.RotateDeviceKey;

import static org.hamcrest.Matchers.equalTo;

class DeviceTest {

    private static final String DEVICE_ID = "RFID-MAIN-001";
    private static final String KEY_HASH = "a".repeat(64);
    private static final String NEW_KEY_HASH = "b".repeat(64);

    private final DeviceRegistered reader =
            new DeviceRegistered(DEVICE_ID, "Eingang Haupthaus", "RFID_READER", KEY_HASH, DeviceStatus.ACTIVE);

    private AggregateTestFixture<Device> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Device.class);
    }

    // registering

    @Test
    void aRegisteredDeviceIsActive() {
        fixture.givenNoPriorActivity()
                .when(new RegisterDevice(DEVICE_ID, " Eingang Haupthaus ", "RFID_READER", KEY_HASH))
                .expectSuccessfulHandlerExecution()
                .expectEvents(reader);
    }

    @Test
    void aDeviceIdOfSixtyFourCharactersIsAccepted() {
        String longest = "R" + "-_9".repeat(21); // 1 + 63

        fixture.givenNoPriorActivity()
                .when(new RegisterDevice(longest, "Schulhof", null, KEY_HASH))
                .expectEvents(new DeviceRegistered(longest, "Schulhof", null, KEY_HASH, DeviceStatus.ACTIVE));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"RFID/MAIN", "RFID#1", "RFID+1", "-RFID", "_RFID", "RFID MAIN", "RFÜD"})
    void registeringADeviceWithAnIdThatCannotBeAnMqttTopicLevelIsRefused(String deviceId) {
        fixture.givenNoPriorActivity()
                .when(new RegisterDevice(deviceId, "Eingang Haupthaus", "RFID_READER", KEY_HASH))
                .expectException(refusedWith(ErrorCode.INVALID_DEVICE_ID))
                .expectNoEvents();
    }

    @Test
    void aDeviceIdOfSixtyFiveCharactersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterDevice("R" + "-_9".repeat(21) + "X", "Schulhof", null, KEY_HASH))
                .expectException(refusedWith(ErrorCode.INVALID_DEVICE_ID))
                .expectNoEvents();
    }

    @Test
    void registeringADeviceWithABlankNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterDevice(DEVICE_ID, "   ", "RFID_READER", KEY_HASH))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void registeringADeviceWithoutANameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterDevice(DEVICE_ID, null, "RFID_READER", KEY_HASH))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    // status

    @Test
    void changingTheStatusRecordsTheStatusItHadBefore() {
        fixture.given(reader)
                .when(new ChangeDeviceStatus(DEVICE_ID, DeviceStatus.MAINTENANCE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DeviceStatusChanged(DEVICE_ID, DeviceStatus.MAINTENANCE, DeviceStatus.ACTIVE));
    }

    @Test
    void thePreviousStatusIsTheLastOneRecorded() {
        fixture.given(reader,
                        new DeviceStatusChanged(DEVICE_ID, DeviceStatus.MAINTENANCE, DeviceStatus.ACTIVE))
                .when(new ChangeDeviceStatus(DEVICE_ID, DeviceStatus.INACTIVE))
                .expectEvents(new DeviceStatusChanged(DEVICE_ID, DeviceStatus.INACTIVE, DeviceStatus.MAINTENANCE));
    }

    @Test
    void changingToTheCurrentStatusAddsNoEvent() {
        fixture.given(reader)
                .when(new ChangeDeviceStatus(DEVICE_ID, DeviceStatus.ACTIVE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changingTheStatusOfAnUnknownDeviceIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ChangeDeviceStatus(DEVICE_ID, DeviceStatus.INACTIVE))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    // key

    @Test
    void rotatingTheKeyRecordsTheNewHash() {
        fixture.given(reader)
                .when(new RotateDeviceKey(DEVICE_ID, NEW_KEY_HASH))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DeviceKeyRotated(DEVICE_ID, NEW_KEY_HASH));
    }

    @Test
    void rotatingTheKeyOfAnUnknownDeviceIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RotateDeviceKey(DEVICE_ID, NEW_KEY_HASH))
                .expectException(AggregateNotFoundException.class)
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
