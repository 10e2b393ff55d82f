package phoenix.api.people;

import phoenix.api.DataSubject;

import java.util.UUID;

public record StudentMarkedSick(@DataSubject UUID studentId) {
}
