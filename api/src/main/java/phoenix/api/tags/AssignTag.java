package phoenix.api.tags;

import phoenix.api.PersonalData;
import phoenix.api.people.PersonKind;

import java.util.UUID;

/** Gives a person a tag; a tag another person holds moves, a tag the person held before is released. */
public record AssignTag(UUID personId, PersonKind personKind, @PersonalData String tag) {
}
