package phoenix.api.tags;

import phoenix.api.DataSubject;
import phoenix.api.PersonalData;
import phoenix.api.people.PersonKind;

import java.util.UUID;

/** The person no longer holds the tag, and why. */
public record TagRemoved(@DataSubject UUID personId,
                         PersonKind personKind,
                         @PersonalData String tag,
                         Reason reason) {

    public enum Reason {
        /** Staff took the tag away. */
        REMOVED,
        /** The tag was given to another person. */
        MOVED_TO_OTHER_PERSON,
        /** The person got another tag instead. */
        REPLACED
    }
}
