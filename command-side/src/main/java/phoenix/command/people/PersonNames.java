package phoenix.command.people;

import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;

/** Every person has a first and a last name. */
final class PersonNames {

    private PersonNames() {
    }

    static void require(String firstName, String lastName) {
        if (firstName == null || firstName.isBlank() || lastName == null || lastName.isBlank()) {
            throw new PhoenixException(ErrorCode.VALIDATION_FAILED, "A person needs a first and a last name.");
        }
    }

    static String trimToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
