package phoenix.api.checkin;

import phoenix.api.DataSubject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The child is in the building on this (Berlin) day: its first check-in, or a check-in after going home. */
public record AttendanceOpened(@DataSubject UUID studentId, LocalDate day, Instant openedAt, boolean reopened) {
}
