package phoenix.api.tags;

import phoenix.api.DataSubject;
import phoenix.api.PersonalData;
import phoenix.api.people.PersonKind;

import java.util.UUID;

/** The person now holds the tag; {@code previousHolderId} names whom it was taken from, if anyone. */
public record TagAssigned(@DataSubject UUID personId,
                          PersonKind personKind,
                          @PersonalData String tag,
                          UUID previousHolderId) {
}
