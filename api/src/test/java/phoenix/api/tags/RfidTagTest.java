package phoenix.api.tags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RfidTagTest {

    @Test
    void separatorsAndSurroundingSpaceAreDroppedAndLettersUpperCased() {
        assertThat(RfidTag.normalise(" 04:a1-b2 c3 ")).isEqualTo("04A1B2C3");
    }

    @Test
    void tabsAndLineBreaksAreSeparatorsToo() {
        assertThat(RfidTag.normalise("04a1\tb2c3\n")).isEqualTo("04A1B2C3");
    }

    @Test
    void eightHexCharactersAreTheShortestTag() {
        assertThat(RfidTag.normalise("0123abcd")).isEqualTo("0123ABCD");
    }

    @Test
    void sixtyFourHexCharactersAreTheLongestTag() {
        String longest = "0123456789abcdef".repeat(4);

        assertThat(RfidTag.normalise(longest)).isEqualTo(longest.toUpperCase()).hasSize(64);
    }

    @Test
    void separatorsDoNotCountTowardsTheLength() {
        String longest = "01:23:45:67:89:ab:cd:ef:".repeat(4);

        assertThat(RfidTag.normalise(longest)).hasSize(64);
    }

    @Test
    void sevenHexCharactersAreRefused() {
        assertRefused("04A1B2C");
    }

    @Test
    void sixtyFiveHexCharactersAreRefused() {
        assertRefused("0123456789abcdef".repeat(4) + "0");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"04A1B2G3", "04A1B2C3Z", "0x04A1B2C3", "04.A1.B2.C3", "04_A1_B2_C3", "04A1B2C3ß", "",
            "  ", "::--::--"})
    void anythingButHexAndSeparatorsIsRefused(String raw) {
        assertRefused(raw);
    }

    @Test
    void noTagIsRefused() {
        assertRefused(null);
    }

    @Test
    void theRefusalDoesNotRepeatTheTagItWasGiven() {
        PhoenixException refusal = catchThrowableOfType(PhoenixException.class,
                () -> RfidTag.normalise(" de:ad:be:ef:zz "));

        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_TAG);
        assertThat(refusal.getMessage())
                .doesNotContainIgnoringCase("de:ad:be:ef")
                .doesNotContainIgnoringCase("DEADBEEF")
                .doesNotContainIgnoringCase("zz");
        assertThat(refusal.details()).isEmpty();
    }

    private static void assertRefused(String raw) {
        PhoenixException refusal = catchThrowableOfType(PhoenixException.class, () -> RfidTag.normalise(raw));

        assertThat(refusal).as("refusal of %s", raw).isNotNull();
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_TAG);
    }
}
