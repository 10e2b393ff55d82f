package phoenix.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of an event (or command) that holds personal data: names, birthday, tag ids, free-text notes.
 * Only such fields may carry personal data; they are encrypted with the data subject's key before they reach the
 * event store (crypto-shredding), so every event with a personal field also names its subject with
 * {@link DataSubject}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface PersonalData {
}
