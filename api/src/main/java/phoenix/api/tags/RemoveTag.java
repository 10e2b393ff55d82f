package phoenix.api.tags;

import phoenix.api.PersonalData;
import phoenix.api.people.PersonKind;

import java.util.UUID;

/** Takes a person's tag away; {@code tag} may be null for "whatever tag the person holds". */
public record RemoveTag(UUID personId, PersonKind personKind, @PersonalData String tag) {
}
